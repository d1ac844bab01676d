package io.github.pullsecrets.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who created or last changed a registry or token, when, and its state.
 *
 * @param state the API's state string, such as {@code Running} or {@code enabled}; compare without
 *     regard to case
 * @param createdBy who created the resource, possibly empty
 * @param createdDate when it was created, if the API said
 * @param lastModifiedBy who last changed it, possibly empty
 * @param lastModifiedDate when it was last changed, if the API said
 */
public record ResourceMetadata(
    String state,
    String createdBy,
    Optional<Instant> createdDate,
    String lastModifiedBy,
    Optional<Instant> lastModifiedDate) {

  /** Validates the components. */
  public ResourceMetadata {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdDate, "createdDate");
    Objects.requireNonNull(lastModifiedBy, "lastModifiedBy");
    Objects.requireNonNull(lastModifiedDate, "lastModifiedDate");
  }
}
