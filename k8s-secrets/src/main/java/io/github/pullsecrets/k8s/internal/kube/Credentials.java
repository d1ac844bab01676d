package io.github.pullsecrets.k8s.internal.kube;

import java.util.Optional;

/** Supplies the bearer token for each request, from wherever the configuration says. */
public interface Credentials {

  /** No token: the TLS client certificate, if any, authenticates. */
  Credentials NONE =
      new Credentials() {
        @Override
        public Optional<String> bearerToken() {
          return Optional.empty();
        }

        @Override
        public String describe() {
          return "none";
        }
      };

  /**
   * Returns the token to send now, reading or refreshing it if needed.
   *
   * @return the token, or empty when requests carry none
   */
  Optional<String> bearerToken();

  /** Forgets any cached token, after the server rejected it. */
  default void invalidate() {}

  /** Returns whether {@link #invalidate()} can lead to a different token. */
  default boolean refreshable() {
    return false;
  }

  /**
   * Returns where the token comes from (a file path, a command name), never the token.
   *
   * @return a short description
   */
  String describe();

  /**
   * Returns a fixed token.
   *
   * @param token the token
   * @return the credentials
   */
  static Credentials token(String token) {
    return new Credentials() {
      @Override
      public Optional<String> bearerToken() {
        return Optional.of(token);
      }

      @Override
      public String describe() {
        return "token";
      }
    };
  }
}
