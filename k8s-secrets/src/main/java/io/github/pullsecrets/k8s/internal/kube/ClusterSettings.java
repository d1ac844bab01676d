package io.github.pullsecrets.k8s.internal.kube;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Everything needed to talk to one cluster: the API server URL, the default namespace, the TLS
 * context and the source of bearer tokens. {@link #toString()} shows no credential.
 *
 * @param server the API server base URL
 * @param namespace the namespace used when the caller names none
 * @param context the kubeconfig context, empty for in-cluster settings
 * @param sslContext the TLS settings
 * @param credentials the token source
 */
public record ClusterSettings(
    URI server,
    String namespace,
    Optional<String> context,
    SSLContext sslContext,
    Credentials credentials) {

  /** Checks that no component is null. */
  public ClusterSettings {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(sslContext, "sslContext");
    Objects.requireNonNull(credentials, "credentials");
  }

  /** Returns the server, context, namespace and where the token comes from. */
  @Override
  public String toString() {
    return "ClusterSettings{server="
        + server
        + context.map(name -> ", context=" + name).orElse("")
        + ", namespace="
        + namespace
        + ", credentials="
        + credentials.describe()
        + "}";
  }
}
