package io.github.pullsecrets.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pullsecrets.auth.internal.http.JsonSupport;
import io.github.pullsecrets.registry.ApiMessage;
import io.github.pullsecrets.registry.AuthenticationException;
import io.github.pullsecrets.registry.ContainerRegistryException;
import io.github.pullsecrets.registry.InvalidRequestException;
import io.github.pullsecrets.registry.PermissionDeniedException;
import io.github.pullsecrets.registry.RateLimitedException;
import io.github.pullsecrets.registry.ResourceConflictException;
import io.github.pullsecrets.registry.ResourceNotFoundException;
import io.github.pullsecrets.registry.ServerErrorException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps an error response to the exception for its status, with the {@code messages[]} of an {@code
 * ApiErrorResponse} or {@code Error} body when the body is one. Other bodies (HTML from a proxy,
 * nothing at all) give the same exception with no messages.
 */
final class ErrorMapping {

  private static final ObjectMapper MAPPER = JsonSupport.newMapper();

  private ErrorMapping() {}

  static ContainerRegistryException toException(ResponseContext context, byte[] body) {
    List<ApiMessage> messages = messages(body);
    String detail = reason(context.status()) + (messages.isEmpty() ? bodyNote(body) : "");
    return create(context, messages, detail);
  }

  private static ContainerRegistryException create(
      ResponseContext c, List<ApiMessage> messages, String detail) {
    String m = c.method();
    String p = c.path();
    String id = c.requestId();
    return switch (c.status()) {
      case 400, 422 -> new InvalidRequestException(m, p, c.status(), messages, id, detail);
      case 401 -> new AuthenticationException(m, p, c.status(), messages, id, detail);
      case 403 -> new PermissionDeniedException(m, p, c.status(), messages, id, detail);
      case 404 -> new ResourceNotFoundException(m, p, c.status(), messages, id, detail);
      case 409 -> new ResourceConflictException(m, p, c.status(), messages, id, detail);
      case 429 -> new RateLimitedException(m, p, c.status(), messages, id, detail);
      default ->
          c.status() >= 500
              ? new ServerErrorException(m, p, c.status(), messages, id, detail)
              : new ContainerRegistryException(m, p, c.status(), messages, id, detail, null);
    };
  }

  static List<ApiMessage> messages(byte[] body) {
    JsonNode root = parse(body);
    List<ApiMessage> messages = new ArrayList<>();
    JsonNode array = root.path("messages");
    for (JsonNode entry : array.isArray() ? array : MAPPER.createArrayNode()) {
      messages.add(
          new ApiMessage(entry.path("errorCode").asText(""), entry.path("message").asText("")));
    }
    return messages;
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? MAPPER.missingNode() : MAPPER.readTree(body);
    } catch (IOException e) {
      return MAPPER.missingNode();
    }
  }

  private static String bodyNote(byte[] body) {
    return body.length == 0 ? " (empty body)" : " (body is not an API error document)";
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "unexpected status";
    };
  }
}
