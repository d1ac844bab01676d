package io.github.pullsecrets.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A partial change to a token ({@code PATCH}): only the parts present are sent. Scopes, when
 * present, replace the token's scopes entirely.
 *
 * @param status a new status, if it changes
 * @param expiresAt a new expiry, if it changes
 * @param scopes new scopes, if they change
 */
public record TokenUpdate(
    Optional<TokenStatus> status, Optional<Instant> expiresAt, Optional<List<Scope>> scopes) {

  /** Validates the components and copies the list. */
  public TokenUpdate {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiresAt, "expiresAt");
    scopes = scopes.map(List::copyOf);
  }

  /**
   * Returns an update that changes nothing yet.
   *
   * @return the empty update
   */
  public static TokenUpdate empty() {
    return new TokenUpdate(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a copy that changes the status, for example to disable a token.
   *
   * @param status the new status
   * @return the changed update
   */
  public TokenUpdate status(TokenStatus status) {
    return new TokenUpdate(Optional.of(status), expiresAt, scopes);
  }

  /**
   * Returns a copy that moves the expiry, for example to extend it.
   *
   * @param expiresAt the new expiry, at least one hour ahead
   * @return the changed update
   */
  public TokenUpdate expiresAt(Instant expiresAt) {
    return new TokenUpdate(status, Optional.of(expiresAt), scopes);
  }

  /**
   * Returns a copy that replaces the scopes.
   *
   * @param scopes the new scopes, at least one
   * @return the changed update
   */
  public TokenUpdate scopes(List<Scope> scopes) {
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("scopes must not be empty");
    }
    return new TokenUpdate(status, expiresAt, Optional.of(scopes));
  }
}
