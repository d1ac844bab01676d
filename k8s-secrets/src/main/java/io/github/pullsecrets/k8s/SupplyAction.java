package io.github.pullsecrets.k8s;

/** What a {@link PullSecretSupply} did. */
public enum SupplyAction {
  /** The Secret was created or brought up to date in a namespace, and attached. */
  SUPPLIED,
  /** A Secret of that name exists that the supply did not create; it was left alone. */
  SKIPPED_FOREIGN,
  /** The namespace left the selection; what the supply created there was removed. */
  WITHDRAWN,
  /** The namespaces were listed again, after a start or an expired watch (410 Gone). */
  RESYNCED,
  /** The watch failed or the connection dropped; the supply lists again after a pause. */
  DISCONNECTED
}
