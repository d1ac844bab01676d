package io.github.pullsecrets.registry.internal;

import io.github.pullsecrets.auth.Sleeper;
import io.github.pullsecrets.registry.RegistryWaitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Paces polling with the caller's clock and sleeper, and ends it at a deadline. */
final class Waiter {

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration pollInterval;

  Waiter(Clock clock, Sleeper sleeper, Duration pollInterval) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.pollInterval = pollInterval;
  }

  Instant deadline(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    return clock.instant().plus(timeout);
  }

  void pause(Instant deadline, Duration timeout, String registryId, String state, String goal) {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      String seen = state.isEmpty() ? "none" : state;
      throw new RegistryWaitException(
          registryId,
          state,
          "registry "
              + registryId
              + " was not "
              + goal
              + " after "
              + timeout
              + "; last state seen: "
              + seen);
    }
    try {
      sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryWaitException(
          registryId,
          state,
          "interrupted while waiting for registry "
              + registryId
              + " to be "
              + goal
              + "; last state seen: "
              + state);
    }
  }
}
