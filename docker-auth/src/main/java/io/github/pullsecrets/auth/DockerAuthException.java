package io.github.pullsecrets.auth;

/**
 * The root of the unchecked exceptions thrown by the docker-auth module.
 *
 * <p>Messages name what was wrong and where, and never contain a password, token, {@code auth}
 * string or other secret value.
 */
public class DockerAuthException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, free of secrets
   */
  public DockerAuthException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, free of secrets
   * @param cause the underlying failure, whose message must also be free of secrets
   */
  public DockerAuthException(String message, Throwable cause) {
    super(message, cause);
  }
}
