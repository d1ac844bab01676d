package io.github.pullsecrets.registry;

import java.util.List;

/**
 * No response arrived: the connection failed, was reset or timed out, or the thread was interrupted
 * while waiting. For a request that creates something, the server may or may not have acted on it.
 */
public final class RegistryConnectionException extends ContainerRegistryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param method the HTTP method
   * @param path the request path without query
   * @param detail what failed, in words
   * @param cause the I/O failure or interruption
   */
  public RegistryConnectionException(String method, String path, String detail, Throwable cause) {
    super(method, path, 0, List.of(), "", detail, cause);
  }
}
