package io.github.pullsecrets.k8s.internal.kube;

import io.github.pullsecrets.k8s.KubeConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the settings a pod has: {@code KUBERNETES_SERVICE_HOST} and {@code _PORT}, and the service
 * account's {@code token}, {@code ca.crt} and {@code namespace} files. The token is read again as
 * the kubelet rotates it.
 */
public final class InClusterLoader {

  /** Where the kubelet mounts the service account files. */
  public static final Path SERVICE_ACCOUNT_DIR =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  private InClusterLoader() {}

  /**
   * Loads the settings.
   *
   * @param environment the process environment
   * @param directory the service account directory
   * @param clock the clock that decides when to read the token again
   * @return the settings
   * @throws KubeConfigException if the environment or the files are missing
   */
  public static ClusterSettings load(Map<String, String> environment, Path directory, Clock clock) {
    String host = required(environment, "KUBERNETES_SERVICE_HOST");
    String port = required(environment, "KUBERNETES_SERVICE_PORT");
    Path token = directory.resolve("token");
    if (!Files.isReadable(token)) {
      throw new KubeConfigException("not in a cluster: cannot read " + token);
    }
    var authorities = Pem.certificates(read(directory.resolve("ca.crt")), "ca.crt of " + directory);
    return new ClusterSettings(
        URI.create("https://" + bracketed(host) + ":" + port),
        namespace(directory.resolve("namespace")),
        Optional.empty(),
        ClusterTls.context(authorities, Optional.empty(), false, Optional.empty()),
        new TokenFile(token, clock));
  }

  private static String required(Map<String, String> environment, String name) {
    String value = environment.getOrDefault(name, "");
    if (value.isBlank()) {
      throw new KubeConfigException("not in a cluster: " + name + " is not set");
    }
    return value.strip();
  }

  private static String bracketed(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static String namespace(Path file) {
    if (!Files.isReadable(file)) {
      return "default";
    }
    String namespace = new String(read(file), StandardCharsets.UTF_8).strip();
    return namespace.isEmpty() ? "default" : namespace;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KubeConfigException("cannot read " + file, e);
    }
  }
}
