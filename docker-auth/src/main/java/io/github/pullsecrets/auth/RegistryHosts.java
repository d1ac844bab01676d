package io.github.pullsecrets.auth;

import java.util.Set;

/** The docker CLI's spellings of registry addresses: config keys and API hosts. */
final class RegistryHosts {

  private RegistryHosts() {}

  private static final Set<String> HUB_HOSTS =
      Set.of(ImageReference.DOCKER_HUB, "index.docker.io", "registry-1.docker.io");

  /**
   * Returns the key {@code docker login ADDRESS} stores under: Docker Hub's v1 key for an empty
   * address or one whose host is {@code docker.io}, {@code index.docker.io} or {@code
   * registry-1.docker.io} (the only key the docker CLI reads for Hub images); otherwise the address
   * without scheme and path ({@code host[:port]}).
   */
  static String loginKey(String address) {
    String host = hostname(address.trim());
    if (host.isEmpty() || HUB_HOSTS.contains(host)) {
      return RegistryCredential.DOCKER_HUB_SERVER;
    }
    return host;
  }

  /** Returns the address without {@code http://} or {@code https://} and without any path. */
  static String hostname(String address) {
    String rest = address;
    if (rest.startsWith("http://")) {
      rest = rest.substring("http://".length());
    } else if (rest.startsWith("https://")) {
      rest = rest.substring("https://".length());
    }
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** Returns the host that serves the registry API for a credential's server string. */
  static String apiHost(String server) {
    String host = hostname(server.trim());
    boolean hub = host.equals(ImageReference.DOCKER_HUB) || host.equals("index.docker.io");
    return hub ? ImageReference.DOCKER_HUB_API_HOST : host;
  }

  /** Returns the config key the docker CLI looks an image's credentials up by. */
  static String lookupKey(ImageReference image) {
    boolean hub = image.registry().equals(ImageReference.DOCKER_HUB);
    return hub ? RegistryCredential.DOCKER_HUB_SERVER : image.registry();
  }
}
