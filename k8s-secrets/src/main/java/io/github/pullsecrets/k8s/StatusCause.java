package io.github.pullsecrets.k8s;

import java.util.Objects;

/**
 * One entry of a Kubernetes {@code Status}'s {@code details.causes}: a field error such as {@code
 * FieldValueInvalid} on {@code metadata.name}, or a {@code FieldManagerConflict}.
 *
 * @param reason the machine-readable reason, possibly empty
 * @param field the field path, possibly empty
 * @param message the server's explanation, possibly empty
 */
public record StatusCause(String reason, String field, String message) {

  /** Checks that no component is null. */
  public StatusCause {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
