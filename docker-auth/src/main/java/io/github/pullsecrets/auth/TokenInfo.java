package io.github.pullsecrets.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a registry provider says about one of its tokens; never the password.
 *
 * @param id the provider's id, as in {@link IssuedCredential#id()}
 * @param name the token name
 * @param status the provider's status word, such as {@code enabled} or {@code disabled}
 * @param expiresAt when the token expires; empty if it never does
 * @param scopes what the token may do
 */
public record TokenInfo(
    String id,
    String name,
    String status,
    Optional<Instant> expiresAt,
    List<CredentialScope> scopes) {

  /** Checks the components and copies the list. */
  public TokenInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiresAt, "expiresAt");
    scopes = List.copyOf(scopes);
  }

  /** Returns whether a scope allows pushing or deleting, which a cluster never needs. */
  public boolean canWrite() {
    return scopes.stream()
        .anyMatch(
            scope ->
                scope.actions().contains(CredentialScope.Action.PUSH)
                    || scope.actions().contains(CredentialScope.Action.DELETE));
  }
}
