package io.github.pullsecrets.auth;

/** How a registry said that a valid credential may not do something. */
public enum NoAccessReason {
  /** A 401 whose challenge carries {@code error="insufficient_scope"}. */
  INSUFFICIENT_SCOPE,
  /** A 401 without that error, for a token fetched just before the request. */
  REJECTED_FRESH_TOKEN,
  /** A 403, which some registries send for an authenticated but forbidden request. */
  FORBIDDEN
}
