package io.github.pullsecrets.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A credential a {@link CredentialIssuer} has just issued. {@link #toString()} never shows the
 * password.
 *
 * @param registry the registry, as given in the request
 * @param id the provider's identifier, used to revoke the credential
 * @param credential the server, username and password to log in with
 * @param expiresAt when the credential stops working
 */
public record IssuedCredential(
    String registry, String id, RegistryCredential credential, Instant expiresAt) {

  /** Validates the components. */
  public IssuedCredential {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Returns the registry, id, server, username and expiry; never the password. */
  @Override
  public String toString() {
    return "IssuedCredential{registry="
        + registry
        + ", id="
        + id
        + ", credential="
        + credential
        + ", expiresAt="
        + expiresAt
        + "}";
  }
}
