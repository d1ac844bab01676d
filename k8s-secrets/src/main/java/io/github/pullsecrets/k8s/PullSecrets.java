package io.github.pullsecrets.k8s;

import java.util.Objects;

/**
 * Applies pull Secrets to namespaces of a live cluster. Obtain from {@link
 * KubeClient#pullSecrets()}.
 *
 * <pre>{@code
 * SecretReport report = kube.pullSecrets().apply(secret).concurrency(8).toAllNamespaces();
 * SecretReport preview = kube.pullSecrets().plan(secret).toNamespaces("shop", "staging");
 * }</pre>
 */
public final class PullSecrets {

  private final KubeClient kube;

  PullSecrets(KubeClient kube) {
    this.kube = kube;
  }

  /**
   * Starts applying a pull Secret; the namespace set on the Secret, if any, is replaced by each
   * target namespace.
   *
   * @param secret the Secret
   * @return the operation, to configure and then run with a {@code to...} method
   */
  public PullSecretApply apply(PullSecret secret) {
    return new PullSecretApply(kube, Objects.requireNonNull(secret, "secret"), false);
  }

  /**
   * Starts planning a pull Secret: the same reads and decisions as {@link #apply(PullSecret)}, with
   * diffs, and no write.
   *
   * @param secret the Secret
   * @return the operation, to configure and then run with a {@code to...} method
   */
  public PullSecretApply plan(PullSecret secret) {
    return new PullSecretApply(kube, Objects.requireNonNull(secret, "secret"), true);
  }

  /** Returns a short description. */
  @Override
  public String toString() {
    return "PullSecrets{" + kube + "}";
  }
}
