package io.github.pullsecrets.registry;

import io.github.pullsecrets.auth.RegistryCredential;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link Tokens#replace}: the token, and a credential when the call created it.
 * {@link #toString()} never shows the password.
 *
 * @param token the token as stored
 * @param credential the registry hostname, user name and password, only when the token is new
 */
public record ReplacedToken(Token token, Optional<RegistryCredential> credential) {

  /** Validates the components. */
  public ReplacedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(credential, "credential");
  }
}
