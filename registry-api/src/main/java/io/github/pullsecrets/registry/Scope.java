package io.github.pullsecrets.registry;

import java.util.List;

/**
 * What a token may do, and where.
 *
 * @param name a repository name, or {@code *} for every repository
 * @param type {@code repository} to act on images, or {@code registry} to list the catalog
 * @param actions lower-case actions such as {@code pull}, {@code push} and {@code delete}
 */
public record Scope(String name, String type, List<String> actions) {

  /** The action that downloads images. */
  public static final String PULL = "pull";

  /** The action that uploads images. */
  public static final String PUSH = "push";

  /** The action that deletes images. */
  public static final String DELETE = "delete";

  /** Validates the components and copies the list. */
  public Scope {
    RegistrySpec.requireText(name, "name");
    RegistrySpec.requireText(type, "type");
    actions = List.copyOf(actions);
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("actions must not be empty");
    }
  }

  /**
   * Returns a scope on repositories.
   *
   * @param name a repository name, or {@code *} for all
   * @param actions the actions, at least one
   * @return the scope
   */
  public static Scope repository(String name, String... actions) {
    return new Scope(name, "repository", List.of(actions));
  }

  /**
   * Returns the scope a cluster needs: pull from every repository.
   *
   * @return {@code pull} on {@code *}
   */
  public static Scope pullAll() {
    return repository("*", PULL);
  }
}
