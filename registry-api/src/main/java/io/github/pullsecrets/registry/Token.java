package io.github.pullsecrets.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry token as the API shows it after creation. It has no password: the API returns the
 * password only once, in {@link IssuedToken}.
 *
 * @param id the token id, a UUID
 * @param name the token name, unique in its registry
 * @param username the user name to log in with, usually the token name
 * @param status whether the token is enabled
 * @param expiresAt when the token expires, if it does
 * @param scopes what the token may do
 * @param metadata state, creator and dates
 */
public record Token(
    String id,
    String name,
    String username,
    TokenStatus status,
    Optional<Instant> expiresAt,
    List<Scope> scopes,
    ResourceMetadata metadata) {

  /** Validates the components and copies the list. */
  public Token {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiresAt, "expiresAt");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(metadata, "metadata");
  }
}
