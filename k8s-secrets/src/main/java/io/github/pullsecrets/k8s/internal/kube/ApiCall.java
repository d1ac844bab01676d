package io.github.pullsecrets.k8s.internal.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final Set<String> PATCHES_SAFE_TO_REPEAT =
      Set.of(
          "application/apply-patch+yaml",
          "application/merge-patch+json",
          "application/strategic-merge-patch+json");

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

  /**
   * Returns whether the call may be repeated after a lost answer without a different outcome: GET,
   * HEAD, PUT and DELETE; a PATCH that is a server-side apply, a merge patch or a strategic merge
   * patch, since applying it twice leaves the object as applying it once; and a JSON patch only
   * when its first operation is a {@code test}, which fails on a replay once the first attempt has
   * changed the object. An unguarded JSON patch (such as an append to a list) and a POST are sent
   * once.
   *
   * @return whether a retry is safe
   */
  public boolean idempotent() {
    return switch (method) {
      case "GET", "HEAD", "PUT", "DELETE" -> true;
      case "PATCH" -> PATCHES_SAFE_TO_REPEAT.contains(mediaType()) || guardedJsonPatch();
      default -> false;
    };
  }

  private String mediaType() {
    int parameters = contentType.indexOf(';');
    return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
  }

  private boolean guardedJsonPatch() {
    if (!mediaType().equals(JSON_PATCH)) {
      return false;
    }
    try {
      JsonNode operations = JSON.readTree(body);
      return operations != null && operations.path(0).path("op").asText("").equals("test");
    } catch (IOException e) {
      return false;
    }
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
