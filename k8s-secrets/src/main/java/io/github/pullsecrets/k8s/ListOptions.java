package io.github.pullsecrets.k8s;

import java.util.Objects;

/**
 * Which objects a list returns and how many per page: {@code labelSelector}, {@code fieldSelector}
 * and {@code limit}. Immutable; each {@code with} method returns a copy.
 *
 * @param labelSelector a label selector such as {@code app=api,tier!=db}, or empty for all
 * @param fieldSelector a field selector such as {@code involvedObject.name=api-1}, or empty
 * @param limit objects per page, at least 1; every page is fetched with {@code continue}
 */
public record ListOptions(String labelSelector, String fieldSelector, int limit) {

  /** The page size used when none is set. */
  public static final int DEFAULT_LIMIT = 500;

  /** Validates the components. */
  public ListOptions {
    Objects.requireNonNull(labelSelector, "labelSelector");
    Objects.requireNonNull(fieldSelector, "fieldSelector");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }

  /**
   * Returns options that list everything in pages of {@value #DEFAULT_LIMIT}.
   *
   * @return the options
   */
  public static ListOptions all() {
    return new ListOptions("", "", DEFAULT_LIMIT);
  }

  /**
   * Returns a copy with a label selector.
   *
   * @param labelSelector the selector, empty for none
   * @return the changed options
   */
  public ListOptions withLabelSelector(String labelSelector) {
    return new ListOptions(labelSelector, fieldSelector, limit);
  }

  /**
   * Returns a copy with a field selector.
   *
   * @param fieldSelector the selector, empty for none
   * @return the changed options
   */
  public ListOptions withFieldSelector(String fieldSelector) {
    return new ListOptions(labelSelector, fieldSelector, limit);
  }

  /**
   * Returns a copy with another page size.
   *
   * @param limit objects per page, at least 1
   * @return the changed options
   */
  public ListOptions withLimit(int limit) {
    return new ListOptions(labelSelector, fieldSelector, limit);
  }
}
