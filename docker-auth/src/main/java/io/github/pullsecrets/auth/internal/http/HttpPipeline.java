package io.github.pullsecrets.auth.internal.http;

import io.github.pullsecrets.auth.RetryEvent;
import io.github.pullsecrets.auth.RetryListener;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.auth.Sleeper;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sends requests with {@link HttpClient}, repeating the safe ones as a {@link RetryPolicy} says.
 *
 * <p>Every request carries the fixed headers given to the builder (credentials among them). Each
 * attempt is logged at DEBUG with method, path, status, duration and attempt number, never headers
 * or bodies. POST requests are sent exactly once. Thread-safe once built.
 */
public final class HttpPipeline {

  private final HttpClient client;
  private final Map<String, String> headers;
  private final Duration requestTimeout;
  private final Retry retry;
  private final RetryListener listener;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Logger logger;

  private HttpPipeline(Builder builder) {
    this.client = Objects.requireNonNull(builder.client, "client");
    this.headers = Map.copyOf(builder.headers);
    this.requestTimeout = builder.requestTimeout;
    this.retry = RetryDecisions.retry(builder.logger.getName(), builder.retryPolicy, builder.clock);
    this.listener = builder.listener;
    this.sleeper = builder.sleeper;
    this.clock = builder.clock;
    this.logger = builder.logger;
  }

  /**
   * Returns a builder with no retries, no fixed headers, a 30 second request timeout and the system
   * clock and sleeper.
   *
   * @param client the client that sends the requests
   * @param logger where attempts are logged at DEBUG
   * @return a new builder
   */
  public static Builder builder(HttpClient client, Logger logger) {
    return new Builder(client, logger);
  }

  /**
   * Sends a request, repeating it while it is idempotent, the outcome is retryable and attempts are
   * left. The last response is returned whatever its status.
   *
   * @param request the request
   * @return the last response received
   * @throws TransportException if the last attempt got no response or the wait was interrupted
   */
  public HttpResult send(OutgoingRequest request) {
    if (!request.idempotent()) {
      return attempt(request, 1).resultOrThrow(request);
    }
    Retry.AsyncContext<HttpResult> context = retry.asyncContext();
    for (int attempt = 1; ; attempt++) {
      Attempt outcome = attempt(request, attempt);
      long waitMillis = outcome.decide(context);
      if (waitMillis < 0) {
        return outcome.resultOrThrow(request);
      }
      announce(request, attempt, Duration.ofMillis(waitMillis), outcome.reason());
    }
  }

  /** Returns the clock the pipeline measures {@code Retry-After} dates with. */
  public Clock clock() {
    return clock;
  }

  /** Returns the sleeper the pipeline waits with. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** Returns the fixed header names with credentials redacted, and the retry settings. */
  @Override
  public String toString() {
    Map<String, List<String>> shown = new TreeMap<>();
    headers.forEach((name, value) -> shown.put(name, List.of(value)));
    return "HttpPipeline{headers="
        + SensitiveHeaders.describe(HttpHeaders.of(shown, (n, v) -> true))
        + ", requestTimeout="
        + requestTimeout
        + ", maxAttempts="
        + retry.getRetryConfig().getMaxAttempts()
        + "}";
  }

  private Attempt attempt(OutgoingRequest request, int number) {
    HttpRequest httpRequest = toHttpRequest(request);
    long started = System.nanoTime();
    try {
      HttpResponse<byte[]> response =
          client.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
      log(request, number, started, "status " + response.statusCode());
      return Attempt.of(new HttpResult(response.statusCode(), response.headers(), response.body()));
    } catch (IOException e) {
      log(request, number, started, TransportException.describe(e));
      return Attempt.failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(request, e);
    }
  }

  private HttpRequest toHttpRequest(OutgoingRequest request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(requestTimeout);
    headers.forEach(builder::header);
    if (request.body().length == 0) {
      return builder.method(request.method(), HttpRequest.BodyPublishers.noBody()).build();
    }
    builder.header("Content-Type", request.contentType());
    return builder
        .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()))
        .build();
  }

  private void announce(OutgoingRequest request, int attempt, Duration wait, String reason) {
    listener.onRetry(new RetryEvent(request.method(), request.path(), attempt, wait, reason));
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(request, e);
    }
  }

  private void log(OutgoingRequest request, int attempt, long startedNanos, String outcome) {
    long millis = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    logger.log(
        Level.DEBUG,
        () ->
            String.format(
                "%s %s -> %s in %d ms (attempt %d)",
                request.method(), request.path(), outcome, millis, attempt));
  }

  /** The outcome of one attempt: a response or an I/O failure. */
  private static final class Attempt {
    private final HttpResult result;
    private final IOException failure;

    private Attempt(HttpResult result, IOException failure) {
      this.result = result;
      this.failure = failure;
    }

    static Attempt of(HttpResult result) {
      return new Attempt(result, null);
    }

    static Attempt failed(IOException failure) {
      return new Attempt(null, failure);
    }

    long decide(Retry.AsyncContext<HttpResult> context) {
      if (failure != null) {
        return context.onError(failure);
      }
      long wait = context.onResult(result);
      if (wait < 0) {
        context.onComplete();
      }
      return wait;
    }

    HttpResult resultOrThrow(OutgoingRequest request) {
      if (failure != null) {
        throw new TransportException(request, failure);
      }
      return result;
    }

    String reason() {
      return failure != null ? failure.getClass().getSimpleName() : "status " + result.status();
    }
  }

  /** Configures a {@link HttpPipeline}. */
  public static final class Builder {
    private final HttpClient client;
    private final Logger logger;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration requestTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.disabled();
    private RetryListener listener = RetryListener.NONE;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();

    private Builder(HttpClient client, Logger logger) {
      this.client = Objects.requireNonNull(client, "client");
      this.logger = Objects.requireNonNull(logger, "logger");
    }

    /**
     * Adds a header sent with every request.
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     */
    public Builder addHeader(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets how long to wait for each response.
     *
     * @param requestTimeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the retry policy for idempotent requests.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets the listener told about each retry.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder retryListener(RetryListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets what waits between attempts.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the clock used for {@code Retry-After} dates.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the pipeline.
     *
     * @return the pipeline
     */
    public HttpPipeline build() {
      return new HttpPipeline(this);
    }
  }
}
