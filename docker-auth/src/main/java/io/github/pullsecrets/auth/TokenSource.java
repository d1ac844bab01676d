package io.github.pullsecrets.auth;

import java.util.List;

/**
 * Lists the tokens of a registry, for an expiry inventory (k8s-secrets' {@code TokenInventory}).
 * The IONOS client provides one ({@code ContainerRegistryClient.tokenSource()}); any provider with
 * a way to list its credentials can.
 */
@FunctionalInterface
public interface TokenSource {

  /**
   * Lists every token of a registry.
   *
   * @param registry the registry, as the provider knows it
   * @return the tokens, without passwords
   * @throws RuntimeException an unchecked exception of the provider's module if the list fails
   */
  List<TokenInfo> tokens(String registry);
}
