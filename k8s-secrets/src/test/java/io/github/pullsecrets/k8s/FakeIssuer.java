package io.github.pullsecrets.k8s;

import io.github.pullsecrets.auth.CredentialIssuer;
import io.github.pullsecrets.auth.CredentialRequest;
import io.github.pullsecrets.auth.CredentialScope;
import io.github.pullsecrets.auth.IssuedCredential;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.TokenInfo;
import io.github.pullsecrets.auth.TokenSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory token issuer: numbered tokens, each with a password, an expiry and a state. */
final class FakeIssuer implements CredentialIssuer {

  /** Every password starts with this; it must never appear in a string, message or log. */
  static final String SENTINEL = "SENTINEL-password-5e1f";

  /** One token as the provider keeps it. */
  record Token(
      String id,
      String name,
      List<CredentialScope> scopes,
      String password,
      Instant expiresAt,
      boolean revoked) {}

  private final String server;
  private final Clock clock;
  private final Map<String, Token> tokens = new LinkedHashMap<>();
  private final List<String> revocations = new ArrayList<>();

  FakeIssuer(String server, Clock clock) {
    this.server = server;
    this.clock = clock;
  }

  /** Adds a pull-only token that exists before the test. */
  synchronized Token existing(String id, Instant expiresAt) {
    return existing(id, expiresAt, List.of(CredentialScope.pullAll()));
  }

  /** Adds a token with scopes that exists before the test. */
  synchronized Token existing(String id, Instant expiresAt, List<CredentialScope> scopes) {
    Token token = new Token(id, "old-" + id, scopes, SENTINEL + "-" + id, expiresAt, false);
    tokens.put(id, token);
    return token;
  }

  @Override
  public synchronized IssuedCredential issue(CredentialRequest request) {
    String id = "tok-" + (tokens.size() + 1);
    Instant expiresAt = clock.instant().plus(request.lifetime());
    Token token =
        new Token(id, request.name(), request.scopes(), SENTINEL + "-" + id, expiresAt, false);
    tokens.put(id, token);
    RegistryCredential credential = RegistryCredential.of(server, "robot-" + id, token.password());
    return new IssuedCredential(request.registry(), id, credential, expiresAt);
  }

  @Override
  public synchronized void revoke(String registry, String credentialId) {
    revocations.add(credentialId);
    Token token = tokens.get(credentialId);
    if (token != null) {
      tokens.put(
          credentialId,
          new Token(
              token.id(), token.name(), token.scopes(), token.password(), token.expiresAt(), true));
    }
  }

  @Override
  public synchronized List<String> idsNamed(String registry, String name) {
    return tokens.values().stream()
        .filter(token -> !token.revoked() && token.name().equals(name))
        .map(Token::id)
        .toList();
  }

  synchronized List<Token> all() {
    return List.copyOf(tokens.values());
  }

  synchronized List<String> live() {
    return tokens.values().stream().filter(t -> !t.revoked()).map(Token::id).toList();
  }

  synchronized List<String> revocations() {
    return List.copyOf(revocations);
  }

  /** Lists the tokens as a {@link TokenSource} does. */
  synchronized List<TokenInfo> tokens(String registry) {
    return tokens.values().stream()
        .filter(token -> !token.revoked())
        .map(
            token ->
                new TokenInfo(
                    token.id(),
                    token.name(),
                    "enabled",
                    Optional.of(token.expiresAt()),
                    token.scopes()))
        .toList();
  }

  synchronized String password(String id) {
    return tokens.get(id).password();
  }
}
