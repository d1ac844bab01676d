package io.github.pullsecrets.k8s.internal.rotation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The new token of a rotation, as it travels from the issuer into the Secrets: its id, lifetime,
 * the tokens it replaces and the encoded {@code .dockerconfigjson} that holds its password.
 * {@link #toString()} never shows the encoded document.
 *
 * @param tokenId the new token's id
 * @param issuedAt when it was issued
 * @param expiresAt when it expires
 * @param replaces the ids of the tokens to revoke after the grace period
 * @param encodedConfig the base64 {@code .dockerconfigjson} holding the new credential
 * @param switchedAt when every Secret carried it, if that step was reached
 * @param replacedSecrets the Secret names it replaces, when it moves to a new name; else empty
 */
public record PendingToken(
    String tokenId,
    Instant issuedAt,
    Instant expiresAt,
    List<String> replaces,
    String encodedConfig,
    Optional<Instant> switchedAt,
    List<String> replacedSecrets) {

  /** Checks the components and copies the list. */
  public PendingToken {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    replaces = List.copyOf(replaces);
    Objects.requireNonNull(encodedConfig, "encodedConfig");
    Objects.requireNonNull(switchedAt, "switchedAt");
    replacedSecrets = List.copyOf(replacedSecrets);
  }

  /**
   * Returns a copy with another switch instant.
   *
   * @param instant when every Secret carried the token
   * @return the copy
   */
  public PendingToken withSwitchedAt(Optional<Instant> instant) {
    return new PendingToken(
        tokenId, issuedAt, expiresAt, replaces, encodedConfig, instant, replacedSecrets);
  }

  /**
   * Returns a copy that replaces Secrets of other names.
   *
   * @param names the Secret names
   * @return the copy
   */
  public PendingToken withReplacedSecrets(List<String> names) {
    return new PendingToken(
        tokenId, issuedAt, expiresAt, replaces, encodedConfig, switchedAt, names);
  }

  /** Returns the ids and instants; never the credential. */
  @Override
  public String toString() {
    return "PendingToken{"
        + tokenId
        + ", issuedAt="
        + issuedAt
        + ", expiresAt="
        + expiresAt
        + ", replaces="
        + replaces
        + ", switchedAt="
        + switchedAt
        + ", replacedSecrets="
        + replacedSecrets
        + "}";
  }
}
