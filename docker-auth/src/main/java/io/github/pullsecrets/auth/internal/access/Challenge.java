package io.github.pullsecrets.auth.internal.access;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header.
 *
 * @param scheme the scheme in lower case, such as {@code bearer} or {@code basic}
 * @param parameters the parameters, names in lower case, values unquoted
 */
public record Challenge(String scheme, Map<String, String> parameters) {

  /** Lower-cases the scheme and copies the parameters. */
  public Challenge {
    scheme = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
    parameters = Map.copyOf(parameters);
  }

  /** Returns whether this is a {@code Bearer} challenge. */
  public boolean bearer() {
    return scheme.equals("bearer");
  }

  /** Returns whether this is a {@code Basic} challenge. */
  public boolean basic() {
    return scheme.equals("basic");
  }

  /**
   * Returns a parameter by name, matched without regard to case.
   *
   * @param name the parameter name
   * @return the unquoted value, if present
   */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Returns whether the challenge says the token lacked the scope ({@code insufficient_scope}). */
  public boolean insufficientScope() {
    return parameter("error").filter("insufficient_scope"::equals).isPresent();
  }
}
