package io.github.pullsecrets.k8s;

/** What applying a pull Secret did, or in a plan would do, in one namespace. */
public enum SecretChange {
  /** The Secret did not exist and was (or would be) created. */
  CREATE,
  /** The Secret existed with other content and was (or would be) updated. */
  UPDATE,
  /** The Secret already had the desired content; nothing was written. */
  UNCHANGED,
  /**
   * A Secret of that name exists that pullsecrets did not create (no {@code
   * app.kubernetes.io/managed-by: pullsecrets} label); it was left alone.
   */
  CONFLICT,
  /** The namespace could not be handled; the result's reason says why. */
  FAILED
}
