package io.github.pullsecrets.registry;

import java.util.List;

/**
 * A response arrived but its body could not be read as the contract says: not JSON, empty, or
 * missing a required field. The message names the field or the position, never body content.
 */
public final class MalformedResponseException extends ContainerRegistryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param method the HTTP method
   * @param path the request path without query
   * @param status the HTTP status of the response
   * @param requestId the request id header, or an empty string
   * @param detail what was wrong with the body, without its content
   */
  public MalformedResponseException(
      String method, String path, int status, String requestId, String detail) {
    super(method, path, status, List.of(), requestId, detail, null);
  }
}
