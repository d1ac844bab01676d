package io.github.pullsecrets.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RegistryAccess#login} did: the registry's answer, the config key used, whether the
 * credential was stored, and the credential helper that the docker CLI would ask instead of the
 * stored entry ({@code credHelpers} for the key, else {@code credsStore}), if any.
 */
public final class LoginResult {

  private final AccessResult result;
  private final String key;
  private final boolean stored;
  private final String shadowingHelper;

  LoginResult(AccessResult result, String key, boolean stored, String shadowingHelper) {
    this.result = Objects.requireNonNull(result, "result");
    this.key = Objects.requireNonNull(key, "key");
    this.stored = stored;
    this.shadowingHelper = Objects.requireNonNull(shadowingHelper, "shadowingHelper");
  }

  /** Returns what the registry said about the credential. */
  public AccessResult result() {
    return result;
  }

  /** Returns the {@code auths} key, normalised as the docker CLI does. */
  public String key() {
    return key;
  }

  /** Returns whether the credential was written to the config file. */
  public boolean stored() {
    return stored;
  }

  /**
   * Returns the credential helper the docker CLI would ask for this key instead of reading the
   * stored entry; empty when the CLI reads the entry.
   */
  public Optional<String> shadowingHelper() {
    return shadowingHelper.isEmpty() ? Optional.empty() : Optional.of(shadowingHelper);
  }

  @Override
  public String toString() {
    return "LoginResult{key="
        + key
        + ", stored="
        + stored
        + (shadowingHelper.isEmpty() ? "" : ", shadowedBy=docker-credential-" + shadowingHelper)
        + ", "
        + result
        + "}";
  }
}
