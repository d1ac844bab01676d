package io.github.pullsecrets.auth;

import java.time.Duration;

/**
 * Waits for a duration. Clients take one so tests and callers with their own scheduling can replace
 * real waiting between retries and polls.
 */
@FunctionalInterface
public interface Sleeper {

  /** A sleeper that blocks the current thread with {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /**
   * Waits for the given duration.
   *
   * @param duration how long to wait, not negative
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
