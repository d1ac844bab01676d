package io.github.pullsecrets.k8s;

/** How a rollout ended, or stood when the wait gave up. */
public enum RolloutState {
  /** Every replica runs the current pod template and is available. */
  COMPLETE,
  /** The timeout passed while the rollout was still progressing. */
  TIMED_OUT,
  /** The Deployment reported {@code ProgressDeadlineExceeded}. */
  FAILED
}
