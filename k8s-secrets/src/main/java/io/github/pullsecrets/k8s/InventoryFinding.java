package io.github.pullsecrets.k8s;

import java.util.Objects;
import java.util.Optional;

/**
 * One flag raised by an inventory.
 *
 * @param flag what was found
 * @param tokenId the token concerned
 * @param secret the Secret concerned, as {@code namespace/name}; empty for a token-only flag
 * @param message a sentence for people, free of secrets
 */
public record InventoryFinding(
    InventoryFlag flag, String tokenId, Optional<String> secret, String message) {

  /** Checks that no component is null. */
  public InventoryFinding {
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(message, "message");
  }
}
