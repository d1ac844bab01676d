package io.github.pullsecrets.examples;

import io.github.pullsecrets.auth.CredentialScope;
import io.github.pullsecrets.k8s.TokenInfo;
import io.github.pullsecrets.k8s.TokenSource;
import io.github.pullsecrets.registry.ContainerRegistryClient;
import io.github.pullsecrets.registry.Scope;
import io.github.pullsecrets.registry.Token;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Backs the expiry inventory with the IONOS token list: each {@link Token} becomes a {@link
 * TokenInfo} with its scopes as {@link CredentialScope}s. Actions IONOS may add later and the SDK
 * does not know are left out of the scope, never guessed.
 */
public final class IonosTokenSource implements TokenSource {

  private final ContainerRegistryClient client;

  /**
   * Creates a source over a client.
   *
   * @param client the IONOS Container Registry client
   */
  public IonosTokenSource(ContainerRegistryClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public List<TokenInfo> tokens(String registry) {
    return client.tokens(registry).list().map(IonosTokenSource::info).toList();
  }

  static TokenInfo info(Token token) {
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
          // an action this SDK does not know grants nothing it could check
        }
      }
    }
    return actions;
  }

  /** Returns a short description. */
  @Override
  public String toString() {
    return "IonosTokenSource{" + client + "}";
  }
}
