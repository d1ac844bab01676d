package io.github.pullsecrets.k8s.internal.kube;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.pullsecrets.k8s.KubeConfigException;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads kubeconfig files as kubectl does: the files of {@code KUBECONFIG} (separated by the path
 * separator; missing ones skipped) or {@code ~/.kube/config}, merged so that the first file
 * defining a cluster, user or context name wins, and the first {@code current-context} wins.
 * Relative file paths, and exec commands that contain a separator, are resolved against the file
 * that names them.
 */
public final class KubeconfigLoader {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.k8s.config");

  private KubeconfigLoader() {}

  /** A named cluster, user or context, with the directory of the file that defined it. */
  private record Named(JsonNode body, Path directory) {}

  /**
   * Returns the files kubectl would read.
   *
   * @param environment the process environment
   * @param home the user's home directory
   * @return the files in precedence order
   */
  public static List<Path> defaultFiles(Map<String, String> environment, Path home) {
    String variable = environment.getOrDefault("KUBECONFIG", "");
    List<Path> files = new ArrayList<>();
    for (String part : variable.split(File.pathSeparator)) {
      if (!part.isBlank()) {
        files.add(Path.of(part));
      }
    }
    return files.isEmpty() ? List.of(home.resolve(".kube").resolve("config")) : files;
  }

  /**
   * Loads one context from merged files.
   *
   * @param files the files, first taking precedence; missing ones are skipped
   * @param context the context to use, or empty for the merged {@code current-context}
   * @param clock the clock used for token caching
   * @return the settings
   * @throws KubeConfigException if no file exists, the context is unknown or a setting is bad
   */
  public static ClusterSettings load(List<Path> files, Optional<String> context, Clock clock) {
    Merged merged = merge(files);
    String name =
        context
            .or(() -> merged.currentContext)
            .orElseThrow(
                () ->
                    new KubeConfigException(
                        "no current-context in " + files + " and none was named"));
    Named chosen = find(merged.contexts, "context", name);
    JsonNode body = chosen.body();
    Named cluster = find(merged.clusters, "cluster", text(body, "cluster", "context " + name));
    Named user = userOf(merged, body);
    return new ClusterSettings(
        server(cluster, name),
        body.path("namespace").asText("default").isBlank()
            ? "default"
            : body.path("namespace").asText("default"),
        Optional.of(name),
        tls(cluster, user),
        credentials(user, clock));
  }

  private static Named userOf(Merged merged, JsonNode context) {
    String name = context.path("user").asText("");
    if (name.isEmpty()) {
      return new Named(YAML.createObjectNode(), Path.of("."));
    }
    return find(merged.users, "user", name);
  }

  private static final class Merged {
    final Map<String, Named> clusters = new LinkedHashMap<>();
    final Map<String, Named> users = new LinkedHashMap<>();
    final Map<String, Named> contexts = new LinkedHashMap<>();
    Optional<String> currentContext = Optional.empty();
  }

  private static Merged merge(List<Path> files) {
    Merged merged = new Merged();
    boolean found = false;
    for (Path file : files) {
      if (Files.isRegularFile(file)) {
        found = true;
        add(merged, file);
      }
    }
    if (!found) {
      throw new KubeConfigException("no kubeconfig file found: " + files);
    }
    return merged;
  }

  private static void add(Merged merged, Path file) {
    JsonNode root = parse(file);
    Path directory = file.toAbsolutePath().getParent();
    collect(root.path("clusters"), "cluster", directory, merged.clusters);
    collect(root.path("users"), "user", directory, merged.users);
    collect(root.path("contexts"), "context", directory, merged.contexts);
    String current = root.path("current-context").asText("");
    if (merged.currentContext.isEmpty() && !current.isEmpty()) {
      merged.currentContext = Optional.of(current);
    }
  }

  private static JsonNode parse(Path file) {
    try {
      JsonNode root = YAML.readTree(file.toFile());
      if (root == null || root.isMissingNode() || root.isNull()) {
        return YAML.createObjectNode();
      }
      if (!root.isObject()) {
        throw new KubeConfigException("kubeconfig is not a mapping: " + file);
      }
      return root;
    } catch (JacksonException e) {
      throw new KubeConfigException("kubeconfig is not valid YAML: " + file + location(e));
    } catch (IOException e) {
      throw new KubeConfigException("cannot read kubeconfig " + file, e);
    }
  }

  private static String location(JacksonException e) {
    var location = e.getLocation();
    return location == null ? "" : " (line " + location.getLineNr() + ")";
  }

  private static void collect(
      JsonNode list, String field, Path directory, Map<String, Named> into) {
    for (JsonNode item : list) {
      String name = item.path("name").asText("");
      if (!name.isEmpty() && item.path(field).isObject()) {
        into.putIfAbsent(name, new Named(item.path(field), directory));
      }
    }
  }

  private static Named find(Map<String, Named> named, String what, String name) {
    Named found = named.get(name);
    if (found == null) {
      throw new KubeConfigException(what + " \"" + name + "\" not found in the kubeconfig");
    }
    return found;
  }

  private static String text(JsonNode node, String field, String where) {
    String value = node.path(field).asText("");
    if (value.isEmpty()) {
      throw new KubeConfigException(where + " has no " + field);
    }
    return value;
  }

  private static URI server(Named cluster, String context) {
    String server = text(cluster.body(), "server", "the cluster of context " + context);
    try {
      URI uri = new URI(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new KubeConfigException("cluster server is not an absolute URL: " + server);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new KubeConfigException("cluster server is not a URL: " + server);
    }
  }

  private static javax.net.ssl.SSLContext tls(Named cluster, Named user) {
    JsonNode body = cluster.body();
    if (!body.path("proxy-url").asText("").isEmpty()) {
      LOGGER.log(Level.WARNING, "proxy-url is ignored: pass an HttpClient with a ProxySelector");
    }
    boolean insecure = body.path("insecure-skip-tls-verify").asBoolean(false);
    Optional<byte[]> ca = bytes(cluster, "certificate-authority");
    var authorities =
        ca.map(pem -> Pem.certificates(pem, "certificate-authority")).orElse(List.of());
    Optional<String> serverName =
        Optional.of(body.path("tls-server-name").asText("")).filter(name -> !name.isEmpty());
    return ClusterTls.context(authorities, clientKey(user), insecure, serverName);
  }

  private static Optional<ClusterTls.ClientKey> clientKey(Named user) {
    Optional<byte[]> certificate = bytes(user, "client-certificate");
    Optional<byte[]> key = bytes(user, "client-key");
    if (certificate.isEmpty() && key.isEmpty()) {
      return Optional.empty();
    }
    if (certificate.isEmpty() || key.isEmpty()) {
      throw new KubeConfigException("user has a client certificate or key but not both");
    }
    return Optional.of(
        new ClusterTls.ClientKey(
            Pem.certificates(certificate.get(), "client-certificate"),
            Pem.privateKey(key.get(), "client-key")));
  }

  /** Reads {@code field-data} (base64) or the file named by {@code field}, data first. */
  private static Optional<byte[]> bytes(Named named, String field) {
    String data = named.body().path(field + "-data").asText("");
    if (!data.isEmpty()) {
      try {
        return Optional.of(Base64.getMimeDecoder().decode(data));
      } catch (IllegalArgumentException e) {
        throw new KubeConfigException(field + "-data is not valid base64");
      }
    }
    String file = named.body().path(field).asText("");
    return file.isEmpty() ? Optional.empty() : Optional.of(read(resolve(named, file)));
  }

  private static Path resolve(Named named, String file) {
    String expanded =
        file.startsWith("~/") ? System.getProperty("user.home") + file.substring(1) : file;
    Path path = Path.of(expanded);
    return (path.isAbsolute() ? path : named.directory().resolve(path)).normalize();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KubeConfigException("cannot read " + file, e);
    }
  }

  private static Credentials credentials(Named user, Clock clock) {
    JsonNode body = user.body();
    if (body.path("exec").isObject()) {
      return exec(user, body.path("exec"), clock);
    }
    if (!body.path("token").asText("").isEmpty()) {
      return Credentials.token(body.path("token").asText());
    }
    if (!body.path("tokenFile").asText("").isEmpty()) {
      return new TokenFile(resolve(user, body.path("tokenFile").asText()), clock);
    }
    if (body.has("auth-provider")) {
      throw new KubeConfigException(
          "auth-provider \""
              + body.path("auth-provider").path("name").asText()
              + "\" is not supported; use an exec credential plugin");
    }
    if (body.has("username") || body.has("password")) {
      throw new KubeConfigException("basic authentication is not supported by Kubernetes 1.19+");
    }
    return Credentials.NONE;
  }

  private static Credentials exec(Named user, JsonNode exec, Clock clock) {
    String command = text(exec, "command", "exec");
    if (command.contains("/") || command.contains(File.separator)) {
      command = resolve(user, command).toString();
    }
    List<String> args = new ArrayList<>();
    exec.path("args").forEach(arg -> args.add(arg.asText()));
    Map<String, String> environment = new LinkedHashMap<>();
    exec.path("env")
        .forEach(
            variable ->
                environment.put(variable.path("name").asText(), variable.path("value").asText()));
    return new ExecPlugin(
        ExecPlugin.commandLine(command, args),
        environment,
        text(exec, "apiVersion", "exec"),
        exec.path("installHint").asText(""),
        clock);
  }
}
