package io.github.pullsecrets.auth.internal.access;

import io.github.pullsecrets.auth.AccessOutcome;
import io.github.pullsecrets.auth.AccessResult;
import io.github.pullsecrets.auth.DockerAuthException;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.auth.internal.http.HttpPipeline;
import io.github.pullsecrets.auth.internal.http.HttpResult;
import io.github.pullsecrets.auth.internal.http.OutgoingRequest;
import io.github.pullsecrets.auth.internal.http.RequestBody;
import io.github.pullsecrets.auth.internal.http.StreamedResult;
import io.github.pullsecrets.auth.internal.http.TransportException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLException;

/**
 * Sends the requests of an access check, a push or a copy. Requests go through the shared {@link
 * HttpPipeline} (retries for idempotent requests; a PATCH, a POST and a body that can be read only
 * once are sent once); its headers are fixed per pipeline, so one is built per request. The OAuth2
 * form POST, which the pipeline cannot send (it only sends JSON bodies), is sent once, directly.
 * Failures without a response become {@link AccessOutcome#UNREACHABLE} or {@link
 * AccessOutcome#TLS_FAILURE} results.
 */
final class Transport {

  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.auth.access");

  private final AccessSettings settings;

  Transport(AccessSettings settings) {
    this.settings = settings;
  }

  HttpResult send(String method, URI uri, Map<String, String> headers) {
    OutgoingRequest request = new OutgoingRequest(method, uri, pathOf(uri), new byte[0]);
    try {
      return pipeline(headers, true).send(request);
    } catch (TransportException e) {
      throw new AccessFailure(describe(uri, e.getCause()));
    }
  }

  HttpResult send(String method, URI uri, Map<String, String> headers, RequestBody body) {
    OutgoingRequest request = new OutgoingRequest(method, uri, pathOf(uri), new byte[0]);
    boolean retry = !method.equals("PATCH");
    try {
      return pipeline(headers, retry).send(request, body);
    } catch (TransportException e) {
      throw new AccessFailure(describe(uri, e.getCause()));
    }
  }

  StreamedResult open(URI uri, Map<String, String> headers) {
    OutgoingRequest request = new OutgoingRequest("GET", uri, pathOf(uri), new byte[0]);
    try {
      return pipeline(headers, true).open(request);
    } catch (TransportException e) {
      throw new AccessFailure(describe(uri, e.getCause()));
    }
  }

  private HttpPipeline pipeline(Map<String, String> headers, boolean retry) {
    HttpPipeline.Builder pipeline =
        HttpPipeline.builder(settings.client(), LOGGER)
            .requestTimeout(settings.requestTimeout())
            .retryPolicy(retry ? settings.retryPolicy() : RetryPolicy.disabled())
            .retryListener(settings.retryListener())
            .sleeper(settings.sleeper())
            .clock(settings.clock());
    headers.forEach(pipeline::addHeader);
    return pipeline.build();
  }

  HttpResult postForm(URI uri, Map<String, String> form) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build();
    try {
      HttpResponse<byte[]> response =
          settings.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
      LOGGER.log(Level.DEBUG, () -> "POST " + pathOf(uri) + " -> status " + response.statusCode());
      return new HttpResult(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      LOGGER.log(Level.DEBUG, () -> "POST " + pathOf(uri) + " -> " + e.getClass().getSimpleName());
      throw new AccessFailure(describe(uri, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerAuthException("interrupted while waiting for " + uri.getHost());
    }
  }

  static String encode(Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (name, value) ->
            body.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return body.toString();
  }

  static String hostOf(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  private static String pathOf(URI uri) {
    return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
  }

  private static AccessResult describe(URI uri, Throwable failure) {
    String host = hostOf(uri);
    if (failure instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      throw new DockerAuthException("interrupted while waiting for " + host);
    }
    if (findSslFailure(failure) != null) {
      return AccessResult.builder(
              AccessOutcome.TLS_FAILURE,
              host,
              "TLS handshake with " + host + " failed: " + rootMessage(failure))
          .build();
    }
    String what =
        failure instanceof HttpTimeoutException
            ? "timed out"
            : failure instanceof java.net.ConnectException
                ? "connection refused (ConnectException)"
                : rootMessage(failure);
    return AccessResult.builder(
            AccessOutcome.UNREACHABLE, host, "could not reach " + host + ": " + what)
        .build();
  }

  private static SSLException findSslFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return (SSLException) t;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String name = root.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + " (" + message + ")";
  }
}
