package io.github.pullsecrets.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A credential for one container registry: the server it is for, a username, and a password or an
 * identity token.
 *
 * <p>The server is kept exactly as given ({@code registry.example.com}, {@code
 * https://index.docker.io/v1/}, {@code localhost:5000}), because kubectl writes it verbatim as the
 * key of a {@code .dockerconfigjson} entry. Instances are immutable and safe to share. {@link
 * #toString()} never shows the password or the identity token.
 */
public final class RegistryCredential {

  /** The server kubectl uses when {@code --docker-server} is not given: Docker Hub's v1 key. */
  public static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private final String server;
  private final String username;
  private final String password;
  private final String identityToken;
  private final String email;

  private RegistryCredential(
      String server, String username, String password, String identityToken, String email) {
    this.server = requireText(server, "server");
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
    this.identityToken = Objects.requireNonNull(identityToken, "identityToken");
    this.email = Objects.requireNonNull(email, "email");
  }

  /**
   * Creates a username and password credential for a registry.
   *
   * @param server the registry server, kept verbatim (host, host:port, or a URL)
   * @param username the user name, possibly empty
   * @param password the password or access token, possibly empty
   * @return the credential
   * @throws IllegalArgumentException if {@code server} is empty or blank
   */
  public static RegistryCredential of(String server, String username, String password) {
    return new RegistryCredential(server, username, password, "", "");
  }

  /**
   * Creates a credential that holds an identity (OAuth2 refresh) token instead of a password, as
   * {@code docker login} stores one when the registry's token server returns it.
   *
   * @param server the registry server, kept verbatim
   * @param username the user name the token was issued to, possibly empty
   * @param identityToken the identity token, not empty
   * @return the credential
   * @throws IllegalArgumentException if {@code server} or {@code identityToken} is empty
   */
  public static RegistryCredential withIdentityToken(
      String server, String username, String identityToken) {
    return new RegistryCredential(
        server, username, "", requireText(identityToken, "identityToken"), "");
  }

  /**
   * Returns a copy of this credential with an email address, which kubectl's {@code --docker-email}
   * writes into the entry. An empty email means none.
   *
   * @param email the email address, or an empty string for none
   * @return a credential equal to this one but for the email
   */
  public RegistryCredential withEmail(String email) {
    return new RegistryCredential(server, username, password, identityToken, email);
  }

  /**
   * Returns a copy of this credential for another server string.
   *
   * @param server the registry server, kept verbatim
   * @return a credential equal to this one but for the server
   */
  public RegistryCredential withServer(String server) {
    return new RegistryCredential(server, username, password, identityToken, email);
  }

  /** Returns the registry server exactly as given. */
  public String server() {
    return server;
  }

  /** Returns the user name, possibly empty. */
  public String username() {
    return username;
  }

  /** Returns the password, or an empty string when the credential has none. */
  public String password() {
    return password;
  }

  /** Returns the identity token, if this credential holds one. */
  public Optional<String> identityToken() {
    return identityToken.isEmpty() ? Optional.empty() : Optional.of(identityToken);
  }

  /** Returns the email address, if one was given. */
  public Optional<String> email() {
    return email.isEmpty() ? Optional.empty() : Optional.of(email);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof RegistryCredential)) {
      return false;
    }
    RegistryCredential that = (RegistryCredential) other;
    return server.equals(that.server)
        && username.equals(that.username)
        && password.equals(that.password)
        && identityToken.equals(that.identityToken)
        && email.equals(that.email);
  }

  @Override
  public int hashCode() {
    return Objects.hash(server, username, password, identityToken, email);
  }

  /** Returns the server and user name; the password and identity token are never shown. */
  @Override
  public String toString() {
    String secret = identityToken.isEmpty() ? "password" : "identityToken";
    return "RegistryCredential{server="
        + server
        + ", username="
        + username
        + ", "
        + secret
        + "=<redacted>}";
  }

  private static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }
}
