package io.github.pullsecrets.registry.internal;

import io.github.pullsecrets.auth.CredentialIssuer;
import io.github.pullsecrets.auth.CredentialRequest;
import io.github.pullsecrets.auth.CredentialScope;
import io.github.pullsecrets.auth.IssuedCredential;
import io.github.pullsecrets.auth.TokenInfo;
import io.github.pullsecrets.auth.TokenSource;
import io.github.pullsecrets.registry.IssuedToken;
import io.github.pullsecrets.registry.Registries;
import io.github.pullsecrets.registry.Registry;
import io.github.pullsecrets.registry.ResourceNotFoundException;
import io.github.pullsecrets.registry.Scope;
import io.github.pullsecrets.registry.Token;
import io.github.pullsecrets.registry.TokenSpec;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A {@link CredentialIssuer} and {@link TokenSource} backed by registry tokens. The registry may be
 * given as its id, its name or its hostname.
 */
public final class TokenIssuer implements CredentialIssuer, TokenSource {

  private final ApiClient api;
  private final Registries registries;
  private final Function<Registry, TokenOperations> tokens;

  /**
   * Creates the issuer.
   *
   * @param api the API client, for its clock
   * @param registries the registry operations used to resolve registries
   * @param tokens opens the token operations of a registry
   */
  public TokenIssuer(
      ApiClient api, Registries registries, Function<Registry, TokenOperations> tokens) {
    this.api = api;
    this.registries = registries;
    this.tokens = tokens;
  }

  @Override
  public IssuedCredential issue(CredentialRequest request) {
    Registry registry = resolve(request.registry());
    Instant expiresAt = api.clock().instant().plus(request.lifetime());
    TokenSpec spec = TokenSpec.named(request.name()).expiresAt(expiresAt);
    for (CredentialScope scope : request.scopes()) {
      spec = spec.addScope(toScope(scope));
    }
    IssuedToken issued = tokens.apply(registry).create(spec);
    return new IssuedCredential(
        request.registry(),
        issued.token().id(),
        issued.credential(),
        issued.token().expiresAt().orElse(expiresAt));
  }

  @Override
  public void revoke(String registry, String credentialId) {
    try {
      tokens.apply(resolve(registry)).delete(credentialId);
    } catch (ResourceNotFoundException alreadyGone) {
      return;
    }
  }

  @Override
  public List<String> idsNamed(String registry, String name) {
    try (Stream<Token> all = tokens.apply(resolve(registry)).list()) {
      return all.filter(token -> token.name().equals(name)).map(Token::id).toList();
    }
  }

  /**
   * Lists every token of the registry; each scope keeps the actions this SDK knows (an action IONOS
   * may add later grants nothing the SDK could check, so it is left out, never guessed).
   */
  @Override
  public List<TokenInfo> tokens(String registry) {
    try (Stream<Token> all = tokens.apply(resolve(registry)).list()) {
      return all.map(TokenIssuer::info).toList();
    }
  }

  private static TokenInfo info(Token token) {
    return new TokenInfo(
        token.id(),
        token.name(),
        token.status().name().toLowerCase(Locale.ROOT),
        token.expiresAt(),
        token.scopes().stream()
            .filter(scope -> !actions(scope).isEmpty())
            .map(scope -> new CredentialScope(scope.name(), actions(scope)))
            .toList());
  }

  private static Set<CredentialScope.Action> actions(Scope scope) {
    Set<CredentialScope.Action> actions = EnumSet.noneOf(CredentialScope.Action.class);
    for (String action : scope.actions()) {
      switch (action) {
        case Scope.PULL -> actions.add(CredentialScope.Action.PULL);
        case Scope.PUSH -> actions.add(CredentialScope.Action.PUSH);
        case Scope.DELETE -> actions.add(CredentialScope.Action.DELETE);
        default -> {
          // unknown to this SDK: grants nothing it could check
        }
      }
    }
    return actions;
  }

  private Registry resolve(String registry) {
    if (Ids.isUuid(registry)) {
      return registries.get(registry);
    }
    try (Stream<Registry> all = registries.list()) {
      return all.filter(
              r ->
                  r.name().equals(registry)
                      || r.hostname().filter(registry::equalsIgnoreCase).isPresent())
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no registry has the id, name or hostname '" + registry + "'"));
    }
  }

  private static Scope toScope(CredentialScope scope) {
    String[] actions =
        scope.actions().stream()
            .sorted()
            .map(action -> action.name().toLowerCase(Locale.ROOT))
            .toArray(String[]::new);
    return Scope.repository(scope.repository(), actions);
  }
}
