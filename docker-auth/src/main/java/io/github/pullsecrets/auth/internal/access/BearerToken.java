package io.github.pullsecrets.auth.internal.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry token as issued by a token server, with the instant it stops being valid and the
 * refresh token that came with it, if any. {@link #toString()} shows the expiry only.
 */
public final class BearerToken {

  private final String value;
  private final Instant expiresAt;
  private final String refreshToken;

  /**
   * Creates a token.
   *
   * @param value the token sent as {@code Authorization: Bearer}
   * @param expiresAt when it stops being valid
   * @param refreshToken the refresh (identity) token that came with it, or an empty string
   */
  public BearerToken(String value, Instant expiresAt, String refreshToken) {
    this.value = Objects.requireNonNull(value, "value");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
  }

  /** Returns the token. */
  public String value() {
    return value;
  }

  /** Returns when the token stops being valid. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** Returns the refresh token the server issued with it, if any. */
  public Optional<String> refreshToken() {
    return refreshToken.isEmpty() ? Optional.empty() : Optional.of(refreshToken);
  }

  /** Returns the value of an {@code Authorization} header carrying this token. */
  public String authorization() {
    return "Bearer " + value;
  }

  /** Returns the expiry only; never the token. */
  @Override
  public String toString() {
    return "BearerToken{expiresAt=" + expiresAt + ", value=<redacted>}";
  }
}
