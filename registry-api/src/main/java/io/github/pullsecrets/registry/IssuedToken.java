package io.github.pullsecrets.registry;

import io.github.pullsecrets.auth.RegistryCredential;
import java.util.Objects;

/**
 * A token just created, with the only copy of its password. {@link #toString()} never shows the
 * password.
 *
 * @param token the token as created
 * @param credential the registry hostname, the token's user name and its password
 * @param recovery whether the create response was lost and what the client did about it
 */
public record IssuedToken(Token token, RegistryCredential credential, Recovery recovery) {

  /** What the client did to obtain the password. */
  public enum Recovery {
    /** The create request succeeded the first time. */
    NONE,
    /** The create response was lost and no token had been made; the request was sent again. */
    RESENT_AFTER_LOST_RESPONSE,
    /**
     * The create response was lost but the token existed, with a password nobody saw; the client
     * deleted it and created it again.
     */
    RECREATED_AFTER_LOST_RESPONSE
  }

  /** Validates the components. */
  public IssuedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(recovery, "recovery");
  }

  /** Returns the token and the credential's server and user name, never the password. */
  @Override
  public String toString() {
    return "IssuedToken{token="
        + token
        + ", credential="
        + credential
        + ", recovery="
        + recovery
        + "}";
  }
}
