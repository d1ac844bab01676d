package io.github.pullsecrets.k8s;

import io.github.pullsecrets.k8s.internal.kube.ClusterSettings;
import io.github.pullsecrets.k8s.internal.kube.InClusterLoader;
import io.github.pullsecrets.k8s.internal.kube.KubeconfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one cluster: API server URL, TLS trust and client certificate, the bearer token
 * source and the default namespace, read from kubeconfig files or from a pod's service account.
 *
 * <p>Kubeconfig support: {@code KUBECONFIG} with several files merged as kubectl merges them (the
 * first file that defines a name wins), or {@code ~/.kube/config}; the current or a named context;
 * {@code server}, {@code certificate-authority} and {@code -data}, {@code
 * insecure-skip-tls-verify}, {@code tls-server-name}; bearer {@code token} and {@code tokenFile};
 * {@code client-certificate} and {@code client-key} (files or {@code -data}; RSA in PKCS#1 or
 * PKCS#8, EC); and {@code exec} credential plugins ({@code client.authentication.k8s.io/v1} and
 * {@code v1beta1}) whose token is reused until its {@code expirationTimestamp}.
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} names the server, context,
 * namespace and where the token comes from, never the token or a key.
 */
public final class KubeConfig {

  private final ClusterSettings settings;

  private KubeConfig(ClusterSettings settings) {
    this.settings = settings;
  }

  /**
   * Reads the current context of {@code KUBECONFIG}, or of {@code ~/.kube/config} when it is unset.
   *
   * @return the configuration
   * @throws KubeConfigException if no file exists or the context cannot be used
   */
  public static KubeConfig fromKubeconfig() {
    return load(defaultFiles(), Optional.empty());
  }

  /**
   * Reads a named context of {@code KUBECONFIG}, or of {@code ~/.kube/config} when it is unset.
   *
   * @param context the context name
   * @return the configuration
   * @throws KubeConfigException if no file exists or the context is unknown or unusable
   */
  public static KubeConfig fromKubeconfig(String context) {
    return load(defaultFiles(), Optional.of(Objects.requireNonNull(context, "context")));
  }

  /**
   * Reads the current context of the given kubeconfig files, merged as kubectl merges them.
   *
   * @param files the files, the first taking precedence; missing files are skipped
   * @return the configuration
   * @throws KubeConfigException if none of the files exists or the context cannot be used
   */
  public static KubeConfig fromFiles(List<Path> files) {
    return load(List.copyOf(files), Optional.empty());
  }

  /**
   * Reads a named context of the given kubeconfig files, merged as kubectl merges them.
   *
   * @param files the files, the first taking precedence; missing files are skipped
   * @param context the context name
   * @return the configuration
   * @throws KubeConfigException if none of the files exists or the context is unknown or unusable
   */
  public static KubeConfig fromFiles(List<Path> files, String context) {
    return load(List.copyOf(files), Optional.of(Objects.requireNonNull(context, "context")));
  }

  /**
   * Reads a pod's settings: {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} and the service account
   * token, CA and namespace files. The token file is read again every minute, as it rotates.
   *
   * @return the configuration
   * @throws KubeConfigException if not running in a pod
   */
  public static KubeConfig inCluster() {
    return new KubeConfig(
        InClusterLoader.load(
            System.getenv(), InClusterLoader.SERVICE_ACCOUNT_DIR, Clock.systemUTC()));
  }

  /** Returns the API server URL. */
  public URI server() {
    return settings.server();
  }

  /** Returns the namespace of the context, {@code default} when it names none. */
  public String namespace() {
    return settings.namespace();
  }

  /** Returns the kubeconfig context used; empty for in-cluster configuration. */
  public Optional<String> context() {
    return settings.context();
  }

  /** Returns the server, context, namespace and the kind of credential; never a secret. */
  @Override
  public String toString() {
    return "KubeConfig" + settings.toString().substring("ClusterSettings".length());
  }

  static KubeConfig of(ClusterSettings settings) {
    return new KubeConfig(settings);
  }

  ClusterSettings settings() {
    return settings;
  }

  private static KubeConfig load(List<Path> files, Optional<String> context) {
    return new KubeConfig(KubeconfigLoader.load(files, context, Clock.systemUTC()));
  }

  private static List<Path> defaultFiles() {
    return KubeconfigLoader.defaultFiles(System.getenv(), Path.of(System.getProperty("user.home")));
  }
}
