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
 */
public record SecretResult(
    String namespace, SecretChange change, Optional<String> reason, List<String> diff) {

  /** Checks the components and freezes the diff. */
  public SecretResult {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(reason, "reason");
    diff = List.copyOf(diff);
  }
}
