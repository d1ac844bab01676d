package io.github.pullsecrets.auth;

import java.util.Objects;
import java.util.Set;

/**
 * What a credential may do in which repositories.
 *
 * @param repository a repository name, or {@code "*"} for every repository
 * @param actions the allowed actions, at least one
 */
public record CredentialScope(String repository, Set<Action> actions) {

  /** An action on the images of a repository. */
  public enum Action {
    /** Download images. */
    PULL,
    /** Upload images. */
    PUSH,
    /** Delete images. */
    DELETE
  }

  /** Validates the components and copies the set. */
  public CredentialScope {
    Objects.requireNonNull(repository, "repository");
    if (repository.isBlank()) {
      throw new IllegalArgumentException("repository must not be empty");
    }
    actions = Set.copyOf(Objects.requireNonNull(actions, "actions"));
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("actions must not be empty");
    }
  }

  /**
   * Returns the scope a cluster needs: pull from every repository.
   *
   * @return pull on {@code "*"}
   */
  public static CredentialScope pullAll() {
    return new CredentialScope("*", Set.of(Action.PULL));
  }
}
