package io.github.pullsecrets.auth.internal.access;

import io.github.pullsecrets.auth.DockerAuthException;

/**
 * A registry or token server sent a header or body that cannot be read. The message says what was
 * wrong and where, and never quotes the input, which may hold a token.
 */
public final class MalformedResponseException extends DockerAuthException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where, free of input text
   */
  public MalformedResponseException(String message) {
    super(message);
  }
}
