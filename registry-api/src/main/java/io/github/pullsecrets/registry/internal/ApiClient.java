package io.github.pullsecrets.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.Sleeper;
import io.github.pullsecrets.auth.internal.http.HttpPipeline;
import io.github.pullsecrets.auth.internal.http.HttpResult;
import io.github.pullsecrets.auth.internal.http.JsonSupport;
import io.github.pullsecrets.auth.internal.http.OutgoingRequest;
import io.github.pullsecrets.auth.internal.http.TransportException;
import io.github.pullsecrets.registry.ContainerRegistryException;
import io.github.pullsecrets.registry.RegistryConnectionException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends requests to the management API and turns responses into JSON or typed exceptions.
 * Thread-safe.
 */
public final class ApiClient {

  private final HttpPipeline pipeline;
  private final String baseUrl;
  private final ObjectMapper mapper = JsonSupport.newMapper();

  /**
   * Creates the client.
   *
   * @param pipeline the pipeline that sends with retries
   * @param baseUrl the API base URL without trailing slash
   */
  public ApiClient(HttpPipeline pipeline, String baseUrl) {
    this.pipeline = pipeline;
    this.baseUrl = baseUrl;
  }

  /** Returns the API base URL. */
  public String baseUrl() {
    return baseUrl;
  }

  Clock clock() {
    return pipeline.clock();
  }

  Sleeper sleeper() {
    return pipeline.sleeper();
  }

  ObjectMapper mapper() {
    return mapper;
  }

  ObjectNode newObject() {
    return mapper.createObjectNode();
  }

  /** Sends a GET and returns the JSON object body of a 2xx response. */
  JsonView get(String path, Map<String, String> query) {
    return call("GET", path, query, null);
  }

  /** Sends a request and returns the JSON object body of a 2xx response. */
  JsonView call(String method, String path, Map<String, String> query, JsonNode body) {
    Exchange exchange = exchange(method, path, query, body);
    return exchange.json(mapper);
  }

  /** Sends a request whose 2xx response has no body worth reading. */
  void callWithoutResult(String method, String path) {
    exchange(method, path, Map.of(), null).requireSuccess();
  }

  /** Sends a request and returns the response whatever its status. */
  Exchange exchange(String method, String path, Map<String, String> query, JsonNode body) {
    OutgoingRequest request =
        new OutgoingRequest(method, URI.create(baseUrl + path + query(query)), path, bytes(body));
    try {
      return new Exchange(request, pipeline.send(request));
    } catch (TransportException e) {
      throw new RegistryConnectionException(method, path, detail(e), e.getCause());
    }
  }

  /** Returns {@code offset} then {@code limit}, in that order, as the API documents them. */
  static Map<String, String> offsetQuery(long offset, String limit) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("offset", Long.toString(offset));
    query.put("limit", limit);
    return query;
  }

  static String path(String... segments) {
    StringBuilder path = new StringBuilder();
    for (String segment : segments) {
      path.append('/').append(encode(segment));
    }
    return path.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    return query.entrySet().stream()
        .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
        .collect(Collectors.joining("&", "?", ""));
  }

  private byte[] bytes(JsonNode body) {
    if (body == null) {
      return new byte[0];
    }
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  private static String detail(TransportException e) {
    if (e.interrupted()) {
      return "interrupted while waiting for the response";
    }
    return (e.timedOut() ? "timed out: " : "no response: ") + describe(e.getCause());
  }

  private static String describe(Throwable cause) {
    return cause instanceof IOException && cause.getMessage() != null
        ? cause.getClass().getSimpleName() + " (" + cause.getMessage() + ")"
        : cause.getClass().getSimpleName();
  }

  /** A request and the response it got. */
  static final class Exchange {
    private final OutgoingRequest request;
    private final HttpResult result;

    Exchange(OutgoingRequest request, HttpResult result) {
      this.request = request;
      this.result = result;
    }

    int status() {
      return result.status();
    }

    ResponseContext context() {
      String requestId = result.header("X-Request-Id").orElse("");
      return new ResponseContext(request.method(), request.path(), result.status(), requestId);
    }

    void requireSuccess() {
      if (!result.successful()) {
        throw failure();
      }
    }

    ContainerRegistryException failure() {
      return ErrorMapping.toException(context(), result.body());
    }

    JsonView json(ObjectMapper mapper) {
      requireSuccess();
      if (result.body().length == 0) {
        throw context().malformed("body is empty, a JSON object was expected");
      }
      try {
        return JsonView.root(mapper.readTree(result.body()), context());
      } catch (JsonProcessingException e) {
        throw context()
            .malformed(
                "body is not valid JSON (line "
                    + e.getLocation().getLineNr()
                    + ", column "
                    + e.getLocation().getColumnNr()
                    + ")");
      } catch (IOException e) {
        throw context().malformed("body could not be read");
      }
    }
  }
}
