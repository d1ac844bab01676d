package io.github.pullsecrets.auth;

import java.util.List;
import java.util.Objects;

/**
 * The names a registry listed (tags of a repository, or repositories of its catalog) and the result
 * of asking; when the result is not OK, the names are those read before it failed.
 *
 * @param result the outcome of the last request
 * @param names the names in the order the registry returned them
 */
public record Listing(AccessResult result, List<String> names) {

  /** Copies the names. */
  public Listing {
    Objects.requireNonNull(result, "result");
    names = List.copyOf(names);
  }
}
