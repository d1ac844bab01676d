package io.github.pullsecrets.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A request for a new registry credential.
 *
 * @param registry the registry as the issuer knows it (an id, a name or a hostname)
 * @param name a name for the credential, unique within the registry
 * @param scopes what the credential may do, at least one scope
 * @param lifetime how long the credential stays valid from now, positive
 */
public record CredentialRequest(
    String registry, String name, List<CredentialScope> scopes, Duration lifetime) {

  /** Validates the components and copies the list. */
  public CredentialRequest {
    requireText(registry, "registry");
    requireText(name, "name");
    scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
    Objects.requireNonNull(lifetime, "lifetime");
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("scopes must not be empty");
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
    }
  }

  /**
   * Returns a request for a credential that may only pull, from every repository.
   *
   * @param registry the registry as the issuer knows it
   * @param name a name for the credential
   * @param lifetime how long the credential stays valid
   * @return the request
   */
  public static CredentialRequest pullOnly(String registry, String name, Duration lifetime) {
    return new CredentialRequest(registry, name, List.of(CredentialScope.pullAll()), lifetime);
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
