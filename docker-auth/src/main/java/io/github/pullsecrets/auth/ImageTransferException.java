package io.github.pullsecrets.auth;

import java.util.Optional;

/**
 * Thrown when a push, retag or copy stops: the registry refused a request, answered what the
 * protocol does not allow, or could not be reached. When a registry answered, {@link #result()}
 * carries its host, HTTP status, error codes and, for a refusal, the reason. The message names the
 * operation, the image and the token scope involved, never a credential.
 */
public class ImageTransferException extends DockerAuthException {

  private static final long serialVersionUID = 1L;

  private final transient AccessResult result;

  /**
   * Creates the exception.
   *
   * @param message what stopped, free of secrets
   * @param result what the registry answered, or {@code null} when the failure was local
   */
  public ImageTransferException(String message, AccessResult result) {
    super(message);
    this.result = result;
  }

  /** Returns what the registry answered, when a registry was involved. */
  public Optional<AccessResult> result() {
    return Optional.ofNullable(result);
  }
}
