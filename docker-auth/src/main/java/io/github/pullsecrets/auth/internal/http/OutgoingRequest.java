package io.github.pullsecrets.auth.internal.http;

import java.net.URI;
import java.util.Objects;

/**
 * A request to send: method, absolute URI, the path shown in logs and errors, and a JSON body
 * (empty for none). The body is never printed.
 *
 * @param method the HTTP method in upper case
 * @param uri the absolute request URI, query included
 * @param path the path without query, for logs, events and errors
 * @param body the JSON body bytes, empty when the request has none
 */
public record OutgoingRequest(String method, URI uri, String path, byte[] body) {

  /** Validates the components. */
  public OutgoingRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
  }

  /** Returns whether repeating this request cannot change the outcome on the server. */
  public boolean idempotent() {
    return !method.equals("POST");
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
