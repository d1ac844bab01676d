package io.github.pullsecrets.auth;

import java.util.Optional;
import java.util.regex.Pattern;

/** The kubelet's key normalisation and URL glob matching, on schemeless {@code host/path}. */
final class KeyMatcher {

  private static final Pattern PORT = Pattern.compile("[0-9]*");

  private KeyMatcher() {}

  /** Returns the kubelet's index key for an entry key, or empty if the kubelet skips it. */
  static Optional<String> normaliseKey(String entryKey) {
    String value = entryKey;
    if (!value.startsWith("https://") && !value.startsWith("http://")) {
      value = "https://" + value;
    }
    Optional<HostAndPath> parsed = HostAndPath.parse(value.substring(value.indexOf("://") + 3));
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    String path = parsed.get().path;
    if (path.startsWith("/v2/") || path.startsWith("/v1/")) {
      path = path.substring(3);
    }
    boolean hostOnly = path.isEmpty() || "/".equals(path);
    return Optional.of(hostOnly ? parsed.get().host : parsed.get().host + path);
  }

  /** Returns whether an index key matches a repository name, both schemeless. */
  static boolean matches(String key, String repository) {
    Optional<HostAndPath> glob = HostAndPath.parse(key);
    Optional<HostAndPath> target = HostAndPath.parse(repository);
    if (glob.isEmpty() || target.isEmpty()) {
      return false;
    }
    String[] globHost = splitHostPort(glob.get().host);
    String[] targetHost = splitHostPort(target.get().host);
    if (!globHost[1].equals(targetHost[1])) {
      return false;
    }
    return target.get().path.startsWith(glob.get().path)
        && labelsMatch(globHost[0].split("\\.", -1), targetHost[0].split("\\.", -1));
  }

  /** Returns whether the kubelet treats a repository name as a Docker Hub image. */
  static boolean isDockerHubImage(String repository) {
    int slash = repository.indexOf('/');
    String first = slash < 0 ? repository : repository.substring(0, slash);
    if (first.isEmpty()) {
      return false;
    }
    if (slash < 0 || "docker.io".equals(first) || "index.docker.io".equals(first)) {
      return true;
    }
    return !first.contains(".") && !first.contains(":");
  }

  private static boolean labelsMatch(String[] globLabels, String[] targetLabels) {
    if (globLabels.length != targetLabels.length) {
      return false;
    }
    for (int i = 0; i < globLabels.length; i++) {
      if (!globMatches(globLabels[i], targetLabels[i])) {
        return false;
      }
    }
    return true;
  }

  /** Splits {@code host:port} as Go's {@code net.SplitHostPort}, or keeps the host whole. */
  private static String[] splitHostPort(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close > 0 && host.startsWith(":", close + 1)) {
        return new String[] {host.substring(1, close), host.substring(close + 2)};
      }
      return new String[] {host, ""};
    }
    int colon = host.indexOf(':');
    if (colon < 0 || colon != host.lastIndexOf(':')) {
      return new String[] {host, ""};
    }
    return new String[] {host.substring(0, colon), host.substring(colon + 1)};
  }

  /**
   * Matches one host label against a glob as Go's {@code filepath.Match}; bad globs never match.
   */
  static boolean globMatches(String glob, String label) {
    try {
      return Pattern.compile(globToRegex(glob)).matcher(label).matches();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '[') {
        i = appendClass(glob, i, regex);
      } else {
        if (c == '\\') {
          i = requireNext(glob, i);
        }
        regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
      }
      i++;
    }
    return regex.toString();
  }

  private static int appendClass(String glob, int open, StringBuilder regex) {
    int i = open + 1;
    regex.append('[');
    if (i < glob.length() && glob.charAt(i) == '^') {
      regex.append('^');
      i++;
    }
    int first = i;
    while (i < glob.length() && (glob.charAt(i) != ']' || i == first)) {
      char c = glob.charAt(i);
      if (c == '\\') {
        i = requireNext(glob, i);
        c = glob.charAt(i);
      }
      regex.append(c == '-' ? "-" : "\\x{" + Integer.toHexString(c) + "}");
      i++;
    }
    if (i >= glob.length() || i == first) {
      throw new IllegalArgumentException("bad pattern");
    }
    regex.append(']');
    return i;
  }

  private static int requireNext(String glob, int i) {
    if (i + 1 >= glob.length()) {
      throw new IllegalArgumentException("bad pattern");
    }
    return i + 1;
  }

  /** The host and path of a schemeless URL, split as Go's {@code url.Parse} splits them. */
  private static final class HostAndPath {

    final String host;
    final String path;

    private HostAndPath(String host, String path) {
      this.host = host;
      this.path = path;
    }

    static Optional<HostAndPath> parse(String schemeless) {
      String rest = cutAt(schemeless, '#');
      rest = cutAt(rest, '?');
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      String path = slash < 0 ? "" : rest.substring(slash);
      String host = authority.substring(authority.lastIndexOf('@') + 1);
      if (!validHost(host)) {
        return Optional.empty();
      }
      return Optional.of(new HostAndPath(host, path));
    }

    private static boolean validHost(String host) {
      for (int i = 0; i < host.length(); i++) {
        if (host.charAt(i) <= ' ' || host.charAt(i) == 0x7f) {
          return false;
        }
      }
      String[] hostPort = splitHostPort(host);
      return hostPort[1].isEmpty() || PORT.matcher(hostPort[1]).matches();
    }

    private static String cutAt(String text, char separator) {
      int at = text.indexOf(separator);
      return at < 0 ? text : text.substring(0, at);
    }
  }
}
