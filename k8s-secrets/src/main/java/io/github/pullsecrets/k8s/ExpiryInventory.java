package io.github.pullsecrets.k8s;

import io.github.pullsecrets.auth.TokenInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The tokens of a registry, the pull Secrets of a cluster with the token each carries, and what
 * needs attention. Made by {@link TokenInventory#scan()}.
 *
 * @param scannedAt when the inventory was taken
 * @param tokens every token of the registry
 * @param secrets every pull Secret of the cluster that is considered
 * @param findings the flags raised, tokens first
 */
public record ExpiryInventory(
    Instant scannedAt,
    List<TokenInfo> tokens,
    List<SecretToken> secrets,
    List<InventoryFinding> findings) {

  /** Checks the components and copies the lists. */
  public ExpiryInventory {
    Objects.requireNonNull(scannedAt, "scannedAt");
    tokens = List.copyOf(tokens);
    secrets = List.copyOf(secrets);
    findings = List.copyOf(findings);
  }

  /**
   * Returns the findings with one flag.
   *
   * @param flag the flag
   * @return the findings, in order
   */
  public List<InventoryFinding> flagged(InventoryFlag flag) {
    return findings.stream().filter(finding -> finding.flag() == flag).toList();
  }
}
