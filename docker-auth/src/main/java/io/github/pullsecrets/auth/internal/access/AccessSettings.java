package io.github.pullsecrets.auth.internal.access;

import io.github.pullsecrets.auth.RetryListener;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.auth.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a registry access check is configured with.
 *
 * @param client the client that sends every request
 * @param insecure whether registries and token realms are spoken to over plain HTTP
 * @param retryPolicy how idempotent requests are repeated
 * @param retryListener told about each retry
 * @param sleeper waits between retries
 * @param clock decides token expiry and {@code Retry-After} dates
 * @param requestTimeout how long to wait for each response
 * @param pageSize the {@code n} asked for when listing tags and repositories
 */
public record AccessSettings(
    HttpClient client,
    boolean insecure,
    RetryPolicy retryPolicy,
    RetryListener retryListener,
    Sleeper sleeper,
    Clock clock,
    Duration requestTimeout,
    int pageSize) {

  /** Checks that no component is null. */
  public AccessSettings {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(retryListener, "retryListener");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /** Returns the URI scheme registries are spoken to with. */
  public String scheme() {
    return insecure ? "http" : "https";
  }
}
