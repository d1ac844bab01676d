package io.github.pullsecrets.k8s;

/**
 * The root of every exception the k8s-secrets module throws for a problem with its input or with a
 * Kubernetes resource. Messages never contain passwords, tokens or Secret data.
 */
public class KubernetesException extends RuntimeException {

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, free of secrets
   */
  public KubernetesException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, free of secrets
   * @param cause the underlying failure
   */
  public KubernetesException(String message, Throwable cause) {
    super(message, cause);
  }
}
