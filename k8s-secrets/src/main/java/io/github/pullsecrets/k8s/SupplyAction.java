package io.github.pullsecrets.k8s;

/** What a {@link PullSecretSupply} did. */
public enum SupplyAction {
  /** The Secret was created or brought up to date in a namespace, and attached. */
  SUPPLIED,
  /** A Secret of that name exists that the supply did not create; it was left alone. */
  SKIPPED_FOREIGN,
  /**
   * A ServiceAccount that was created, or edited so that it lost the reference, in a supplied
   * namespace was attached again after its own watch event (or the list that followed a drop).
   */
  ATTACHED,
  /** The namespace left the selection; what the supply created there was removed. */
  WITHDRAWN,
  /** The namespaces were listed again, after a start or an expired watch (410 Gone). */
  RESYNCED,
  /**
   * A watch (of namespaces or of ServiceAccounts, named in the detail) failed or its connection
   * dropped; that watch lists again after a pause.
   */
  DISCONNECTED
}
