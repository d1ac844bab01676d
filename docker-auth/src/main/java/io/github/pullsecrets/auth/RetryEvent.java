package io.github.pullsecrets.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * One retry about to happen: which request failed, how, and how long the client waits before the
 * next attempt. It never holds headers or bodies.
 *
 * @param method the HTTP method
 * @param path the request path, without query string
 * @param failedAttempt the number of the attempt that failed, starting at 1
 * @param delay how long the client waits before the next attempt
 * @param reason what failed, such as {@code "status 503"} or {@code "ConnectException"}
 */
public record RetryEvent(
    String method, String path, int failedAttempt, Duration delay, String reason) {

  /** Validates the components. */
  public RetryEvent {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(reason, "reason");
    if (failedAttempt < 1) {
      throw new IllegalArgumentException("failedAttempt must be at least 1: " + failedAttempt);
    }
  }
}
