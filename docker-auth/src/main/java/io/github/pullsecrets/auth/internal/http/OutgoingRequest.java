package io.github.pullsecrets.auth.internal.http;

import java.net.URI;
import java.util.Objects;

/**
 * A request to send: method, absolute URI, the path shown in logs and errors, a body (empty for
 * none), the body's media type, and whether it may be repeated. The body is never printed.
 *
 * @param method the HTTP method in upper case
 * @param uri the absolute request URI, query included
 * @param path the path without query, for logs, events and errors
 * @param body the body bytes, empty when the request has none
 * @param contentType the media type sent as {@code Content-Type} with a non-empty body
 * @param idempotent whether repeating the request cannot change the outcome on the server, so that
 *     it may be retried
 */
public record OutgoingRequest(
    String method, URI uri, String path, byte[] body, String contentType, boolean idempotent) {

  /** Validates the components. */
  public OutgoingRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
  }

  /**
   * Creates a request that is idempotent unless it is a POST.
   *
   * @param method the HTTP method in upper case
   * @param uri the absolute request URI, query included
   * @param path the path without query, for logs, events and errors
   * @param body the body bytes, empty when the request has none
   * @param contentType the media type sent as {@code Content-Type} with a non-empty body
   */
  public OutgoingRequest(String method, URI uri, String path, byte[] body, String contentType) {
    this(method, uri, path, body, contentType, !"POST".equals(method));
  }

  /**
   * Creates a request whose body, if any, is JSON, idempotent unless it is a POST.
   *
   * @param method the HTTP method in upper case
   * @param uri the absolute request URI, query included
   * @param path the path without query, for logs, events and errors
   * @param body the JSON body bytes, empty when the request has none
   */
  public OutgoingRequest(String method, URI uri, String path, byte[] body) {
    this(method, uri, path, body, "application/json");
  }

  /** Returns the method and path only; never the body. */
  @Override
  public String toString() {
    return method + " " + path;
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
