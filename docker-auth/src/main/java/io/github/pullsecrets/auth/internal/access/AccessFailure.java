package io.github.pullsecrets.auth.internal.access;

import io.github.pullsecrets.auth.AccessResult;

/**
 * Ends a check early with its result. Internal control flow only: always caught and turned back
 * into the {@link AccessResult} it carries; never seen by callers.
 */
final class AccessFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient AccessResult result;

  AccessFailure(AccessResult result) {
    super(result.toString(), null, false, false);
    this.result = result;
  }

  AccessResult result() {
    return result;
  }
}
