package io.github.pullsecrets.registry;

import java.util.List;

/** The resource already exists, such as a token with the same name: HTTP 409 Conflict. */
public final class ResourceConflictException extends ContainerRegistryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param method the HTTP method
   * @param path the request path without query
   * @param status the HTTP status
   * @param messages the API's error messages, possibly empty
   * @param requestId the request id header, or an empty string
   * @param detail what went wrong, in words
   */
  public ResourceConflictException(
      String method,
      String path,
      int status,
      List<ApiMessage> messages,
      String requestId,
      String detail) {
    super(method, path, status, messages, requestId, detail, null);
  }
}
