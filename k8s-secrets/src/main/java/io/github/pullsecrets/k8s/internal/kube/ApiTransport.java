package io.github.pullsecrets.k8s.internal.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.RetryListener;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.auth.Sleeper;
import io.github.pullsecrets.auth.internal.http.HttpPipeline;
import io.github.pullsecrets.auth.internal.http.HttpResult;
import io.github.pullsecrets.auth.internal.http.JsonSupport;
import io.github.pullsecrets.auth.internal.http.OutgoingRequest;
import io.github.pullsecrets.auth.internal.http.StreamedResult;
import io.github.pullsecrets.auth.internal.http.TransportException;
import io.github.pullsecrets.k8s.KubeApiException;
import io.github.pullsecrets.k8s.StatusCause;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Sends {@link ApiCall}s to the API server through the shared {@link HttpPipeline} (retries of
 * idempotent requests on connection errors, 429 and 502-504, honouring {@code Retry-After}), with
 * the current bearer token, and turns error responses into {@link KubeApiException}s built from the
 * {@code Status} body. After a 401 with a token that can be refreshed (an exec plugin or a token
 * file), the token is fetched again and the request repeated once. Thread-safe.
 */
public final class ApiTransport {

  /** The User-Agent; the server derives a default field manager from it up to the first slash. */
  public static final String USER_AGENT = "pullsecrets-sdk/0.1.0";

  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.k8s.api");
  private static final ObjectMapper JSON = JsonSupport.newMapper();

  private final URI server;
  private final Credentials credentials;
  private final Settings settings;

  /**
   * The HTTP settings every request shares.
   *
   * @param client the client
   * @param retryPolicy how idempotent requests are repeated
   * @param retryListener told about each retry
   * @param sleeper waits between attempts
   * @param clock reads {@code Retry-After} dates
   * @param requestTimeout how long to wait for each response
   */
  public record Settings(
      HttpClient client,
      RetryPolicy retryPolicy,
      RetryListener retryListener,
      Sleeper sleeper,
      Clock clock,
      Duration requestTimeout) {}

  /**
   * Creates the transport.
   *
   * @param server the API server base URL
   * @param credentials the token source
   * @param settings the HTTP settings
   */
  public ApiTransport(URI server, Credentials credentials, Settings settings) {
    this.server = server;
    this.credentials = credentials;
    this.settings = settings;
  }

  /** Returns the shared JSON mapper. */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * Sends a call and returns the JSON object of a 2xx response.
   *
   * @param call the call
   * @return the response object
   * @throws KubeApiException on an error status, a non-JSON body or no response
   */
  public ObjectNode send(ApiCall call) {
    HttpResult result = exchange(call);
    if (result.status() == 401 && credentials.refreshable()) {
      credentials.invalidate();
      result = exchange(call);
    }
    if (!result.successful()) {
      throw failure(call, result);
    }
    warn(call, result);
    return object(call, result);
  }

  /**
   * Sends a watch call and leaves its response open, so that each event can be read as it arrives.
   * The call should carry {@code timeoutSeconds}, so that the server ends the response.
   *
   * @param call the watch call
   * @return the open stream of events; the caller closes it
   * @throws KubeApiException on an error status or no response
   */
  public EventStream watch(ApiCall call) {
    StreamedResult response = open(call);
    if (response.status() == 401 && credentials.refreshable()) {
      credentials.invalidate();
      response = open(call);
    }
    if (response.status() < 200 || response.status() >= 300) {
      throw failure(call, drain(call, response));
    }
    return new EventStream(call, response);
  }

  private StreamedResult open(ApiCall call) {
    try {
      return pipeline().open(request(call));
    } catch (TransportException e) {
      throw unreachable(call, e);
    }
  }

  private static HttpResult drain(ApiCall call, StreamedResult response) {
    try (response) {
      return new HttpResult(response.status(), response.headers(), response.body().readAllBytes());
    } catch (IOException e) {
      throw KubeApiException.builder(call.method(), call.path())
          .code(response.status())
          .statusMessage("the error response could not be read")
          .build(e);
    }
  }

  /** Passes on the server's {@code Warning} headers, such as PodSecurity violations. */
  private static void warn(ApiCall call, HttpResult result) {
    for (String warning : result.headers().allValues("Warning")) {
      LOGGER.log(Level.WARNING, () -> call + ": the API server warns: " + warningText(warning));
    }
  }

  /** Returns the text of a {@code 299 - "text"} warning, unquoted. */
  static String warningText(String header) {
    int open = header.indexOf('"');
    int close = header.lastIndexOf('"');
    if (open < 0 || close <= open) {
      return header;
    }
    return header.substring(open + 1, close).replace("\\\"", "\"");
  }

  private HttpResult exchange(ApiCall call) {
    try {
      return pipeline().send(request(call));
    } catch (TransportException e) {
      throw unreachable(call, e);
    }
  }

  private OutgoingRequest request(ApiCall call) {
    return new OutgoingRequest(
        call.method(), uri(call), call.path(), call.body(), call.contentType(), call.idempotent());
  }

  private static KubeApiException unreachable(ApiCall call, TransportException e) {
    return KubeApiException.builder(call.method(), call.path())
        .object(call.namespace(), call.name())
        .statusMessage(describe(e.getCause()))
        .build(e.getCause());
  }

  private static String describe(Throwable cause) {
    if (cause instanceof InterruptedException) {
      return "interrupted";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  private HttpPipeline pipeline() {
    HttpPipeline.Builder builder =
        HttpPipeline.builder(settings.client(), LOGGER)
            .addHeader("Accept", "application/json")
            .addHeader("User-Agent", USER_AGENT)
            .requestTimeout(settings.requestTimeout())
            .retryPolicy(settings.retryPolicy())
            .retryListener(settings.retryListener())
            .sleeper(settings.sleeper())
            .clock(settings.clock());
    credentials
        .bearerToken()
        .ifPresent(token -> builder.addHeader("Authorization", "Bearer " + token));
    return builder.build();
  }

  private URI uri(ApiCall call) {
    if (call.query().isEmpty()) {
      return URI.create(server + call.path());
    }
    StringJoiner query = new StringJoiner("&", "?", "");
    call.query().forEach((key, value) -> query.add(key + "=" + encode(value)));
    return URI.create(server + call.path() + query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static ObjectNode object(ApiCall call, HttpResult result) {
    JsonNode body = parse(result).orElse(null);
    if (body == null || !body.isObject()) {
      throw KubeApiException.builder(call.method(), call.path())
          .object(call.namespace(), call.name())
          .code(result.status())
          .statusMessage("the response is not a JSON object")
          .build();
    }
    return (ObjectNode) body;
  }

  private static KubeApiException failure(ApiCall call, HttpResult result) {
    JsonNode status = parse(result).filter(JsonNode::isObject).orElse(JSON.createObjectNode());
    KubeApiException.Builder builder =
        KubeApiException.builder(call.method(), call.path())
            .object(call.namespace(), call.name())
            .code(result.status())
            .reason(status.path("reason").asText(""))
            .statusMessage(status.path("message").asText(""))
            .detailsKind(status.path("details").path("kind").asText(""))
            .causes(causes(status.path("details").path("causes")));
    result.header("Audit-Id").ifPresent(builder::auditId);
    return builder.build();
  }

  private static List<StatusCause> causes(JsonNode causes) {
    List<StatusCause> list = new ArrayList<>();
    for (JsonNode cause : causes) {
      list.add(
          new StatusCause(
              cause.path("reason").asText(""),
              cause.path("field").asText(""),
              cause.path("message").asText("")));
    }
    return list;
  }

  private static Optional<JsonNode> parse(HttpResult result) {
    if (result.body().length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(JSON.readTree(result.body()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Returns where the server is and where the token comes from. */
  @Override
  public String toString() {
    return "ApiTransport{" + server + ", " + credentials.describe() + "}";
  }
}
