package io.github.pullsecrets.k8s.internal.kube;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One API request to make: method, path, query parameters in order, body and its media type, and
 * the namespace and name it is about (for errors). The body is never printed.
 *
 * @param method the HTTP method
 * @param path the path without query
 * @param query the query parameters, in the order they are sent
 * @param contentType the body's media type
 * @param body the body, empty for none
 * @param namespace the namespace the request is about, or empty
 * @param name the object name the request is about, or empty
 */
public record ApiCall(
    String method,
    String path,
    Map<String, String> query,
    String contentType,
    byte[] body,
    String namespace,
    String name) {

  /** Checks the components and freezes the query. */
  public ApiCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Returns a call without a body.
   *
   * @param method the HTTP method
   * @param path the path
   * @param query the query parameters
   * @param namespace the namespace, or empty
   * @param name the name, or empty
   * @return the call
   */
  public static ApiCall of(
      String method, String path, Map<String, String> query, String namespace, String name) {
    return new ApiCall(method, path, query, "application/json", new byte[0], namespace, name);
  }

  /**
   * Returns a copy with a body.
   *
   * @param contentType the media type
   * @param body the body
   * @return the changed call
   */
  public ApiCall withBody(String contentType, byte[] body) {
    return new ApiCall(method, path, query, contentType, body, namespace, name);
  }

  /** Returns the method and path only. */
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
