package io.github.pullsecrets.k8s;

/** The steps of a {@link Rotation}, in order; each is reported once it is done. */
public enum RotationStep {
  /** A new pull-only token exists at the issuer; its password is only in memory. */
  ISSUED,
  /** The new token pulled an image from the registry. */
  VERIFIED,
  /** The Secret in one namespace carries the new token (reported once per namespace). */
  STORED,
  /** Every Secret carries the new token and the required workloads reference the Secret. */
  SWITCHED,
  /** The grace period after the switch has passed. */
  GRACE_ELAPSED,
  /** The replaced tokens are revoked. */
  REVOKED,
  /** The rotation annotations are removed; the rotation is finished. */
  COMPLETED
}
