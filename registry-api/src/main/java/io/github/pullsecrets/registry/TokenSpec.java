package io.github.pullsecrets.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What token to create: name, expiry, status and scopes. Immutable; each method returns a changed
 * copy. Start from {@link #pullOnly(String)}, the shape a cluster needs; push and delete must be
 * asked for explicitly.
 *
 * @param name 2 to 63 letters, digits and {@code -}, starting with a letter and ending with a
 *     letter or digit
 * @param expiresAt when the token expires, at least one hour after it is created; empty for never
 * @param status whether the token starts enabled
 * @param scopes what the token may do, at least one when sent
 */
public record TokenSpec(
    String name, Optional<Instant> expiresAt, TokenStatus status, List<Scope> scopes) {

  /** The token name rule of the API. */
  public static final Pattern NAME = Pattern.compile("^[A-Za-z][-A-Za-z0-9]{0,61}[A-Za-z0-9]$");

  /** Validates the components and copies the list. */
  public TokenSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 2-63 letters, digits and '-', start with "
              + "a letter and end with a letter or digit: '"
              + name
              + "'");
    }
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(status, "status");
    scopes = List.copyOf(scopes);
  }

  /**
   * Returns an enabled token that may only pull, from every repository, and never expires until
   * {@link #expiresAt(Instant)} says otherwise.
   *
   * @param name the token name
   * @return the spec
   */
  public static TokenSpec pullOnly(String name) {
    return named(name).addScope(Scope.pullAll());
  }

  /**
   * Returns an enabled token with no scopes yet; add at least one before creating it.
   *
   * @param name the token name
   * @return the spec
   */
  public static TokenSpec named(String name) {
    return new TokenSpec(name, Optional.empty(), TokenStatus.ENABLED, List.of());
  }

  /**
   * Returns a copy that expires at an instant.
   *
   * @param expiresAt at least one hour after creation; the API keeps whole seconds
   * @return the changed spec
   */
  public TokenSpec expiresAt(Instant expiresAt) {
    return new TokenSpec(name, Optional.of(expiresAt), status, scopes);
  }

  /**
   * Returns a copy with a status.
   *
   * @param status the initial status
   * @return the changed spec
   */
  public TokenSpec status(TokenStatus status) {
    return new TokenSpec(name, expiresAt, status, scopes);
  }

  /**
   * Returns a copy with one more scope.
   *
   * @param scope the scope to add
   * @return the changed spec
   */
  public TokenSpec addScope(Scope scope) {
    List<Scope> all = new ArrayList<>(scopes);
    all.add(Objects.requireNonNull(scope, "scope"));
    return new TokenSpec(name, expiresAt, status, all);
  }
}
