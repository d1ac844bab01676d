package io.github.pullsecrets.k8s;

/** What attaching or detaching a pull secret did to one object. */
public enum AttachmentChange {
  /** The name was added to {@code imagePullSecrets}. */
  ATTACHED,
  /** The name was removed from {@code imagePullSecrets}. */
  DETACHED,
  /** The list already was as asked; nothing was written. */
  UNCHANGED,
  /** The object could not be changed; the result's reason says why. */
  FAILED
}
