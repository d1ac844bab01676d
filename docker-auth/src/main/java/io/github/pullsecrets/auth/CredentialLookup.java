package io.github.pullsecrets.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the docker CLI would take the credential for a registry from, and the credential when it
 * could be read. {@link #toString()} never shows a secret.
 */
public final class CredentialLookup {

  /** Where the credential lives. */
  public enum Source {
    /** A {@code credHelpers} entry names a helper for this registry. */
    CREDENTIAL_HELPER,
    /** The config's {@code credsStore} helper holds every credential. */
    CREDENTIALS_STORE,
    /** An {@code auths} entry of the config file. */
    CONFIG_FILE,
    /** Nowhere: the docker CLI would pull anonymously. */
    NONE
  }

  private final Source source;
  private final String key;
  private final String helper;
  private final RegistryCredential credential;

  CredentialLookup(Source source, String key, String helper, RegistryCredential credential) {
    this.source = Objects.requireNonNull(source, "source");
    this.key = Objects.requireNonNull(key, "key");
    this.helper = Objects.requireNonNull(helper, "helper");
    this.credential = credential;
  }

  /** Returns where the docker CLI would read the credential from. */
  public Source source() {
    return source;
  }

  /** Returns the key looked up, such as {@code registry.example.com:5000}. */
  public String key() {
    return key;
  }

  /** Returns the helper name ({@code docker-credential-<name>}) for helper sources. */
  public Optional<String> helper() {
    return helper.isEmpty() ? Optional.empty() : Optional.of(helper);
  }

  /**
   * Returns the credential, keyed by {@link #key()}; empty when there is none or when it lives in a
   * helper that was not run.
   */
  public Optional<RegistryCredential> credential() {
    return Optional.ofNullable(credential);
  }

  @Override
  public String toString() {
    return "CredentialLookup{"
        + source
        + ", key="
        + key
        + (helper.isEmpty() ? "" : ", helper=" + helper)
        + ", credential="
        + credential().map(RegistryCredential::toString).orElse("none")
        + "}";
  }
}
