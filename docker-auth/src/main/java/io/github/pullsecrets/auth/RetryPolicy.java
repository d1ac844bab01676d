package io.github.pullsecrets.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client repeats a request that is safe to repeat (GET, HEAD, PUT, DELETE, PATCH) after a
 * connection error or a 429, 502, 503 or 504 response.
 *
 * <p>The wait before retry {@code n} grows exponentially from {@code initialBackoff} by {@code
 * multiplier}, is spread randomly by {@code jitter} (0 means none, 0.5 means ±50%), and is capped
 * at {@code maxBackoff}. A {@code Retry-After} header, in seconds or as an HTTP date, replaces the
 * computed wait, again capped at {@code maxBackoff}. POST is never retried.
 *
 * @param maxAttempts total attempts including the first, at least 1; 1 switches retries off
 * @param initialBackoff wait before the first retry, at least one millisecond
 * @param maxBackoff upper bound of any single wait, not shorter than {@code initialBackoff}
 * @param multiplier growth factor of the wait per attempt, at least 1
 * @param jitter randomisation factor, from 0 (none) to 1 exclusive
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    double jitter) {

  /** Validates the components. */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    require(maxAttempts >= 1, "maxAttempts must be at least 1: " + maxAttempts);
    require(initialBackoff.toMillis() >= 1, "initialBackoff must be at least 1 ms");
    require(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must be >= initialBackoff");
    require(multiplier >= 1.0, "multiplier must be at least 1: " + multiplier);
    require(jitter >= 0.0 && jitter < 1.0, "jitter must be in [0, 1): " + jitter);
  }

  /**
   * Returns the default policy: 4 attempts, 500 ms doubling to at most 30 s, jitter 0.5.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.5);
  }

  /**
   * Returns a policy that never retries.
   *
   * @return a policy with one attempt
   */
  public static RetryPolicy disabled() {
    return defaults().withMaxAttempts(1);
  }

  /**
   * Returns a copy with another number of attempts.
   *
   * @param maxAttempts total attempts including the first, at least 1
   * @return the changed policy
   */
  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter);
  }

  /**
   * Returns a copy with other bounds for the wait between attempts.
   *
   * @param initialBackoff wait before the first retry
   * @param maxBackoff upper bound of any single wait
   * @return the changed policy
   */
  public RetryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter);
  }

  /**
   * Returns a copy with another randomisation factor.
   *
   * @param jitter randomisation factor from 0 to 1 exclusive
   * @return the changed policy
   */
  public RetryPolicy withJitter(double jitter) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter);
  }

  /** Returns whether this policy ever repeats a request. */
  public boolean retries() {
    return maxAttempts > 1;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
