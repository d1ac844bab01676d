package io.github.pullsecrets.auth.internal.http;

import io.github.pullsecrets.auth.RetryPolicy;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;

/** Maps a {@link RetryPolicy} to a resilience4j {@link Retry} that decides when to repeat. */
final class RetryDecisions {

  /** Statuses worth repeating: rate limited, bad gateway, unavailable, gateway timeout. */
  static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

  private RetryDecisions() {}

  static Retry retry(String name, RetryPolicy policy, Clock clock) {
    RetryConfig config =
        RetryConfig.<HttpResult>custom()
            .maxAttempts(policy.maxAttempts())
            .retryOnResult(result -> RETRYABLE_STATUSES.contains(result.status()))
            .retryOnException(failure -> failure instanceof IOException)
            .intervalBiFunction(interval(policy, clock))
            .failAfterMaxAttempts(false)
            .build();
    return Retry.of(name, config);
  }

  private static IntervalBiFunction<HttpResult> interval(RetryPolicy policy, Clock clock) {
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            policy.initialBackoff(), policy.multiplier(), policy.jitter(), policy.maxBackoff());
    long cap = policy.maxBackoff().toMillis();
    return (attempt, outcome) -> Math.min(cap, wait(backoff, attempt, outcome, clock));
  }

  private static long wait(
      IntervalFunction backoff, int attempt, Either<Throwable, HttpResult> outcome, Clock clock) {
    if (outcome.isRight()) {
      var asked = outcome.get().header("Retry-After").flatMap(v -> RetryAfter.parse(v, clock));
      if (asked.isPresent()) {
        return asked.get().toMillis();
      }
    }
    return backoff.apply(attempt);
  }
}
