package io.github.pullsecrets.auth.internal.http;

import io.github.pullsecrets.auth.RetryEvent;
import io.github.pullsecrets.auth.RetryListener;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.auth.Sleeper;
import io.github.resilience4j.retry.Retry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.function.IntFunction;

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
    return run(request, request.idempotent(), n -> attempt(request, null, n))
        .resultOrThrow(request);
  }

  /**
   * Sends a request with a streamed body. It is repeated like {@link #send(OutgoingRequest)} only
   * when the body is {@linkplain RequestBody#repeatable() repeatable}; each attempt opens the body
   * again.
   *
   * @param request the request; its own body bytes are ignored
   * @param body the body to stream
   * @return the last response received
   * @throws TransportException if the last attempt got no response or the wait was interrupted
   */
  public HttpResult send(OutgoingRequest request, RequestBody body) {
    Objects.requireNonNull(body, "body");
    boolean repeatable = request.idempotent() && body.repeatable();
    return run(request, repeatable, n -> attempt(request, body, n)).resultOrThrow(request);
  }

  /**
   * Sends a request without body and leaves a successful response's body on the wire, for bodies
   * too large to hold. Repeated like {@link #send(OutgoingRequest)}; the body of a response that is
   * not 2xx is read completely and offered as a stream over those bytes.
   *
   * @param request the request
   * @return the last response received, its body open; the caller closes it
   * @throws TransportException if the last attempt got no response or the wait was interrupted
   */
  public StreamedResult open(OutgoingRequest request) {
    return run(request, request.idempotent(), n -> attemptStreamed(request, n))
        .streamOrThrow(request);
  }

  private Attempt run(OutgoingRequest request, boolean repeatable, IntFunction<Attempt> attempt) {
    if (!repeatable) {
      return attempt.apply(1);
    }
    Retry.AsyncContext<HttpResult> context = retry.asyncContext();
    for (int number = 1; ; number++) {
      Attempt outcome = attempt.apply(number);
      long waitMillis = outcome.decide(context);
      if (waitMillis < 0) {
        return outcome;
      }
      announce(request, number, Duration.ofMillis(waitMillis), outcome.reason());
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

  private Attempt attempt(OutgoingRequest request, RequestBody body, int number) {
    HttpRequest httpRequest = toHttpRequest(request, body);
    long started = System.nanoTime();
    try {
      HttpResponse<byte[]> response =
          client.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
      log(request, number, started, "status " + response.statusCode());
      return Attempt.of(new HttpResult(response.statusCode(), response.headers(), response.body()));
    } catch (IOException e) {
      log(request, number, started, TransportException.describe(e));
      return Attempt.failed(e);
    } catch (UncheckedIOException e) {
      log(request, number, started, TransportException.describe(e.getCause()));
      return Attempt.failed(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(request, e);
    }
  }

  private Attempt attemptStreamed(OutgoingRequest request, int number) {
    HttpRequest httpRequest = toHttpRequest(request, null);
    long started = System.nanoTime();
    try {
      HttpResponse<InputStream> response =
          client.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
      log(request, number, started, "status " + response.statusCode());
      return Attempt.streamed(response);
    } catch (IOException e) {
      log(request, number, started, TransportException.describe(e));
      return Attempt.failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(request, e);
    }
  }

  private HttpRequest toHttpRequest(OutgoingRequest request, RequestBody body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(requestTimeout);
    headers.forEach(builder::header);
    if (body != null) {
      builder.header("Content-Type", body.contentType());
      return builder.method(request.method(), body.publisher()).build();
    }
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

  /** The outcome of one attempt: a response, possibly with its body still open, or a failure. */
  private static final class Attempt {
    private final HttpResult result;
    private final StreamedResult stream;
    private final IOException failure;

    private Attempt(HttpResult result, StreamedResult stream, IOException failure) {
      this.result = result;
      this.stream = stream;
      this.failure = failure;
    }

    static Attempt of(HttpResult result) {
      return new Attempt(result, null, null);
    }

    static Attempt failed(IOException failure) {
      return new Attempt(null, null, failure);
    }

    static Attempt streamed(HttpResponse<InputStream> response) throws IOException {
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        HttpResult head = new HttpResult(status, response.headers(), new byte[0]);
        return new Attempt(
            head, new StreamedResult(status, response.headers(), response.body()), null);
      }
      byte[] bytes;
      try (InputStream body = response.body()) {
        bytes = body.readAllBytes();
      }
      HttpResult result = new HttpResult(status, response.headers(), bytes);
      var replay = new StreamedResult(status, response.headers(), new ByteArrayInputStream(bytes));
      return new Attempt(result, replay, null);
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

    StreamedResult streamOrThrow(OutgoingRequest request) {
      resultOrThrow(request);
      return stream;
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
