package io.github.pullsecrets.k8s;

import java.time.Duration;
import java.util.Objects;

/**
 * The end of a rollout wait.
 *
 * @param kind the workload's kind
 * @param namespace the namespace
 * @param name the workload's name
 * @param state how it ended
 * @param message the last status seen, e.g. {@code 1 of 2 updated replicas available}
 * @param waited how long the wait took
 */
public record RolloutResult(
    ResourceKind kind,
    String namespace,
    String name,
    RolloutState state,
    String message,
    Duration waited) {

  /** Checks that no component is null. */
  public RolloutResult {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(waited, "waited");
  }

  /** Returns whether the rollout completed. */
  public boolean complete() {
    return state == RolloutState.COMPLETE;
  }
}
