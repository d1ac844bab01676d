package io.github.pullsecrets.k8s;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a {@link Rotation#run()}.
 *
 * @param outcome whether a rotation ran
 * @param tokenId the id of the token the Secrets carry now, when known
 * @param expiresAt when that token expires, when known
 * @param dueAt when the policy makes that token due, when known
 * @param revokedTokenIds the tokens revoked by this run
 * @param namespaces the namespaces whose Secret was checked
 * @param resumed whether this run finished a rotation an earlier run had started
 */
public record RotationResult(
    RotationOutcome outcome,
    Optional<String> tokenId,
    Optional<Instant> expiresAt,
    Optional<Instant> dueAt,
    List<String> revokedTokenIds,
    List<String> namespaces,
    boolean resumed) {

  /** Checks the components and copies the lists. */
  public RotationResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(dueAt, "dueAt");
    revokedTokenIds = List.copyOf(revokedTokenIds);
    namespaces = List.copyOf(namespaces);
  }
}
