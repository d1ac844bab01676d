package io.github.pullsecrets.k8s;

/**
 * A kubeconfig, in-cluster setting or credential plugin could not be used: a missing file or
 * context, unreadable PEM, an exec plugin that is missing or failed. The message names the file,
 * context or command, never a token, key or certificate.
 */
public final class KubeConfigException extends KubernetesException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and where, free of secrets
   */
  public KubeConfigException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong and where, free of secrets
   * @param cause the underlying failure
   */
  public KubeConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
