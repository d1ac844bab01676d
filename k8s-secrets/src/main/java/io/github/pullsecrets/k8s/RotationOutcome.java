package io.github.pullsecrets.k8s;

/** What a {@link Rotation#run()} did. */
public enum RotationOutcome {
  /** The current token is not due yet; nothing was issued or written. */
  NOT_DUE,
  /** A rotation ran (or an unfinished one was resumed) to the end. */
  COMPLETED
}
