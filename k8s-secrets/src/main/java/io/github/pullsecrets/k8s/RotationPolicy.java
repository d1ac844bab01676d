package io.github.pullsecrets.k8s;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides when a token is due for rotation, from when it was issued and when it expires.
 *
 * <pre>{@code
 * RotationPolicy policy = RotationPolicy.atFractionOfLifetime(2, 3);
 * boolean due = policy.isDue(issuedAt, expiresAt, clock.instant());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RotationPolicy {

  private final long numerator;
  private final long denominator;
  private final Duration remaining;

  private RotationPolicy(long numerator, long denominator, Duration remaining) {
    this.numerator = numerator;
    this.denominator = denominator;
    this.remaining = remaining;
  }

  /**
   * Returns a policy that rotates once a fraction of the lifetime has passed, such as two thirds.
   *
   * @param numerator the part of the lifetime, at least 0
   * @param denominator the whole, greater than {@code numerator}
   * @return the policy
   * @throws IllegalArgumentException if the fraction is not in [0, 1)
   */
  public static RotationPolicy atFractionOfLifetime(long numerator, long denominator) {
    if (numerator < 0 || denominator <= numerator) {
      throw new IllegalArgumentException(
          "fraction must be at least 0 and below 1: " + numerator + "/" + denominator);
    }
    return new RotationPolicy(numerator, denominator, Duration.ZERO);
  }

  /**
   * Returns a policy that rotates when less than a duration remains before expiry.
   *
   * @param remaining how long before expiry rotation becomes due, positive
   * @return the policy
   * @throws IllegalArgumentException if {@code remaining} is zero or negative
   */
  public static RotationPolicy whenLessThan(Duration remaining) {
    Objects.requireNonNull(remaining, "remaining");
    if (remaining.isNegative() || remaining.isZero()) {
      throw new IllegalArgumentException("remaining must be positive: " + remaining);
    }
    return new RotationPolicy(0, 0, remaining);
  }

  /**
   * Returns a policy that rotates when fewer than a number of days remain before expiry.
   *
   * @param days the number of days, positive
   * @return the policy
   */
  public static RotationPolicy whenFewerDaysThan(long days) {
    return whenLessThan(Duration.ofDays(days));
  }

  /**
   * Returns the instant from which the token is due.
   *
   * @param issuedAt when the token was issued
   * @param expiresAt when the token expires, not before {@code issuedAt}
   * @return the first instant at which {@link #isDue} answers true
   * @throws IllegalArgumentException if the token expires before it was issued
   */
  public Instant dueAt(Instant issuedAt, Instant expiresAt) {
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (expiresAt.isBefore(issuedAt)) {
      throw new IllegalArgumentException(
          "token expires (" + expiresAt + ") before it was issued (" + issuedAt + ")");
    }
    if (denominator == 0) {
      return expiresAt.minus(remaining);
    }
    Duration lifetime = Duration.between(issuedAt, expiresAt);
    return issuedAt.plus(lifetime.multipliedBy(numerator).dividedBy(denominator));
  }

  /**
   * Returns whether the token is due at {@code now}: at or after {@link #dueAt}.
   *
   * @param issuedAt when the token was issued
   * @param expiresAt when the token expires
   * @param now the current instant
   * @return true if the token should be rotated now
   */
  public boolean isDue(Instant issuedAt, Instant expiresAt, Instant now) {
    return !now.isBefore(dueAt(issuedAt, expiresAt));
  }

  /** Returns the rule, such as {@code "at 2/3 of the lifetime"}. */
  @Override
  public String toString() {
    if (denominator == 0) {
      return "RotationPolicy{when less than " + remaining + " remains}";
    }
    return "RotationPolicy{at " + numerator + "/" + denominator + " of the lifetime}";
  }
}
