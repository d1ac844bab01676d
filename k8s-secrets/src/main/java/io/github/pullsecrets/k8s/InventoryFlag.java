package io.github.pullsecrets.k8s;

/** Something in a {@link TokenInventory} the owner should act on. */
public enum InventoryFlag {
  /** The token has expired. */
  EXPIRED,
  /** The token expires within the horizon. */
  EXPIRING,
  /** A Secret in the cluster carries a token that may push or delete. */
  WRITE_SCOPE_IN_CLUSTER,
  /** A Secret names a token the registry no longer has. */
  TOKEN_MISSING,
  /** No Secret carries the token. */
  TOKEN_UNUSED
}
