package io.github.pullsecrets.k8s;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of applying, or planning, a pull Secret in one namespace.
 *
 * @param namespace the namespace
 * @param change what happened or would happen
 * @param reason why it failed or conflicted; empty otherwise
 * @param diff the differences with every secret value shown as {@code <redacted>}
 * @param serviceAccount what attaching the Secret to the ServiceAccount did, when {@link
 *     PullSecretApply#attachToServiceAccount(String)} asked for it and the Secret is in place
 */
public record SecretResult(
    String namespace,
    SecretChange change,
    Optional<String> reason,
    List<String> diff,
    Optional<PullSecretAttachment> serviceAccount) {

  /** Checks the components and freezes the diff. */
  public SecretResult {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(reason, "reason");
    diff = List.copyOf(diff);
    Objects.requireNonNull(serviceAccount, "serviceAccount");
  }

  /**
   * Returns a result without a ServiceAccount attachment.
   *
   * @param namespace the namespace
   * @param change what happened or would happen
   * @param reason why it failed or conflicted; empty otherwise
   * @param diff the differences, redacted
   */
  public SecretResult(
      String namespace, SecretChange change, Optional<String> reason, List<String> diff) {
    this(namespace, change, reason, diff, Optional.empty());
  }

  /**
   * Returns a copy with the outcome of attaching the Secret to a ServiceAccount.
   *
   * @param attachment the outcome
   * @return the changed result
   */
  public SecretResult withServiceAccount(PullSecretAttachment attachment) {
    return new SecretResult(namespace, change, reason, diff, Optional.of(attachment));
  }
}
