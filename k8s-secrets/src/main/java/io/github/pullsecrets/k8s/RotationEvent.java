package io.github.pullsecrets.k8s;

import java.util.Objects;
import java.util.Optional;

/**
 * A step a {@link Rotation} has finished.
 *
 * @param step the step
 * @param tokenId the id of the new token
 * @param namespace the namespace, for {@link RotationStep#STORED}; empty otherwise
 */
public record RotationEvent(RotationStep step, String tokenId, Optional<String> namespace) {

  /** Checks that no component is null. */
  public RotationEvent {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(namespace, "namespace");
  }
}
