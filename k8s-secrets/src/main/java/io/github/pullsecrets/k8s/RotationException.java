package io.github.pullsecrets.k8s;

import io.github.pullsecrets.auth.AccessResult;
import java.util.Optional;

/**
 * Thrown when a {@link Rotation} cannot go on: the new token could not pull, two rotations
 * disagree, or a replaced token is still carried by a Secret. The message says what to do; it
 * never contains a password.
 */
public final class RotationException extends KubernetesException {

  private static final long serialVersionUID = 1L;

  private final transient AccessResult access;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, free of secrets
   */
  public RotationException(String message) {
    super(message);
    this.access = null;
  }

  /**
   * Creates an exception for a failed verification.
   *
   * @param message what went wrong, free of secrets
   * @param access the registry's answer to the pull check
   */
  public RotationException(String message, AccessResult access) {
    super(message + ": " + access);
    this.access = access;
  }

  /** Returns the registry's answer when the new token failed to pull. */
  public Optional<AccessResult> access() {
    return Optional.ofNullable(access);
  }
}
