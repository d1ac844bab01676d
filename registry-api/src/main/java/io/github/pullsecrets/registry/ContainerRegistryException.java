package io.github.pullsecrets.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The root of every failure of this module: an error response, a lost connection, an unreadable
 * body or a wait that ran out.
 *
 * <p>It carries the HTTP method and path of the request, the status when a response arrived, the
 * {@code messages[]} of the API's error body and the request id header when present. The message is
 * built from those fields only; it never contains headers, request bodies or passwords.
 */
public class ContainerRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String method;
  private final String path;
  private final int status;
  private final List<ApiMessage> messages;
  private final String requestId;

  /**
   * Creates the exception.
   *
   * @param method the HTTP method, empty when no request was involved
   * @param path the request path without query, empty when no request was involved
   * @param status the HTTP status, or 0 when no response arrived
   * @param messages the API's error messages, possibly empty
   * @param requestId the request id header, or an empty string
   * @param detail what went wrong, in words
   * @param cause the underlying failure, or null
   */
  public ContainerRegistryException(
      String method,
      String path,
      int status,
      List<ApiMessage> messages,
      String requestId,
      String detail,
      Throwable cause) {
    super(describe(method, path, status, messages, requestId, detail), cause);
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.status = status;
    this.messages = List.copyOf(messages);
    this.requestId = Objects.requireNonNull(requestId, "requestId");
  }

  /** Returns the HTTP method of the failed request, empty when none was involved. */
  public String method() {
    return method;
  }

  /**
   * Returns the path of the failed request relative to the API base URL, as the API reference names
   * it (such as {@code /registries/{id}/tokens}), without query string.
   */
  public String path() {
    return path;
  }

  /** Returns the HTTP status, if a response arrived. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** Returns the {@code messages} of the API's error body, possibly empty. */
  public List<ApiMessage> messages() {
    return messages;
  }

  /** Returns the error codes of {@link #messages()}, in order. */
  public List<String> errorCodes() {
    return messages.stream().map(ApiMessage::errorCode).toList();
  }

  /** Returns the request id header of the response, if the API sent one. */
  public Optional<String> requestId() {
    return requestId.isEmpty() ? Optional.empty() : Optional.of(requestId);
  }

  private static String describe(
      String method,
      String path,
      int status,
      List<ApiMessage> messages,
      String requestId,
      String detail) {
    StringBuilder text = new StringBuilder();
    if (!method.isEmpty()) {
      text.append(method).append(' ').append(path).append(": ");
    }
    if (status != 0) {
      text.append("HTTP ").append(status).append(", ");
    }
    text.append(detail);
    messages.forEach(message -> text.append("; ").append(message));
    if (!requestId.isEmpty()) {
      text.append(" (request id ").append(requestId).append(')');
    }
    return text.toString();
  }
}
