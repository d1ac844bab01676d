package io.github.pullsecrets.k8s;

import java.util.Objects;

/**
 * One thing a {@link PullSecretSupply} did.
 *
 * @param action what it did
 * @param namespace the namespace; empty for {@link SupplyAction#RESYNCED} and {@link
 *     SupplyAction#DISCONNECTED}
 * @param detail a sentence for people, free of secrets
 */
public record SupplyEvent(SupplyAction action, String namespace, String detail) {

  /** Checks that no component is null. */
  public SupplyEvent {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(detail, "detail");
  }
}
