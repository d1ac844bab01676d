package io.github.pullsecrets.k8s;

/** How a {@link Rotation} gets the new token to the pods. */
public enum RotationStrategy {
  /**
   * Writes the new token into the existing Secret, same name; nothing references change and no
   * rollout is needed. The default.
   */
  IN_PLACE,
  /**
   * Creates a Secret with a new name ({@code <name>-<yyyyMMdd-HHmmss>}), attaches it wherever the
   * old one was referenced, waits for the rollouts, then detaches and deletes the old Secret. For
   * teams that want every pod restarted with the new token.
   */
  NEW_SECRET
}
