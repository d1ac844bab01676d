package io.github.pullsecrets.registry;

import java.util.Objects;

/**
 * A location where registries can be created.
 *
 * @param id the location id, such as {@code de/fra}
 */
public record Location(String id) {

  /** Validates the id. */
  public Location {
    Objects.requireNonNull(id, "id");
  }
}
