package io.github.pullsecrets.k8s;

import java.util.List;

/**
 * Lists the tokens of a registry, for the {@link TokenInventory}. The IONOS client backs it with
 * its token list; any provider with a way to list its credentials can.
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
