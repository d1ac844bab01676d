package io.github.pullsecrets.k8s.internal.kube;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decides from a Deployment, StatefulSet or DaemonSet whether its rollout is complete, still
 * progressing, or has failed, with the checks {@code kubectl rollout status} makes: the controller
 * has observed the current generation, and every replica is updated and available.
 */
public final class RolloutRules {

  private RolloutRules() {}

  /** The state of a rollout. */
  public enum State {
    /** Every replica runs the current template and is available. */
    COMPLETE,
    /** The controller is still working. */
    PROGRESSING,
    /** The Deployment exceeded its progress deadline. */
    FAILED
  }

  /**
   * A state and a sentence explaining it.
   *
   * @param state the state
   * @param message the explanation
   */
  public record Verdict(State state, String message) {}

  /**
   * Evaluates a workload.
   *
   * @param kind the object's kind: Deployment, StatefulSet or DaemonSet
   * @param workload the object
   * @return the verdict
   */
  public static Verdict evaluate(String kind, JsonNode workload) {
    long generation = workload.path("metadata").path("generation").asLong(0);
    long observed = workload.path("status").path("observedGeneration").asLong(0);
    if (observed < generation) {
      return progressing("waiting for the controller to observe generation " + generation);
    }
    switch (kind) {
      case "Deployment":
        return deployment(workload.path("spec"), workload.path("status"));
      case "StatefulSet":
        return statefulSet(workload.path("spec"), workload.path("status"));
      case "DaemonSet":
        return daemonSet(workload.path("status"));
      default:
        throw new IllegalArgumentException("no rollout for kind " + kind);
    }
  }

  private static Verdict deployment(JsonNode spec, JsonNode status) {
    for (JsonNode condition : status.path("conditions")) {
      if ("Progressing".equals(condition.path("type").asText())
          && "ProgressDeadlineExceeded".equals(condition.path("reason").asText())) {
        return new Verdict(State.FAILED, condition.path("message").asText("progress deadline"));
      }
    }
    long replicas = spec.path("replicas").asLong(1);
    long updated = status.path("updatedReplicas").asLong(0);
    long total = status.path("replicas").asLong(0);
    long available = status.path("availableReplicas").asLong(0);
    if (updated < replicas) {
      return progressing(updated + " of " + replicas + " new replicas updated");
    }
    if (total > updated) {
      return progressing((total - updated) + " old replicas pending termination");
    }
    if (available < updated) {
      return progressing(available + " of " + updated + " updated replicas available");
    }
    return new Verdict(
        State.COMPLETE, updated + " of " + replicas + " replicas updated and" + " available");
  }

  private static Verdict statefulSet(JsonNode spec, JsonNode status) {
    long replicas = spec.path("replicas").asLong(1);
    long ready = status.path("readyReplicas").asLong(0);
    long updated = status.path("updatedReplicas").asLong(0);
    if (updated < replicas) {
      return progressing(updated + " of " + replicas + " pods updated");
    }
    if (ready < replicas) {
      return progressing(ready + " of " + replicas + " pods ready");
    }
    String current = status.path("currentRevision").asText("");
    if (!current.equals(status.path("updateRevision").asText(current))) {
      return progressing("revision " + status.path("updateRevision").asText() + " rolling out");
    }
    return new Verdict(State.COMPLETE, replicas + " pods updated and ready");
  }

  private static Verdict daemonSet(JsonNode status) {
    long desired = status.path("desiredNumberScheduled").asLong(0);
    long updated = status.path("updatedNumberScheduled").asLong(0);
    long available = status.path("numberAvailable").asLong(0);
    if (updated < desired) {
      return progressing(updated + " of " + desired + " daemon pods updated");
    }
    if (available < desired) {
      return progressing(available + " of " + desired + " daemon pods available");
    }
    return new Verdict(State.COMPLETE, desired + " daemon pods updated and available");
  }

  private static Verdict progressing(String message) {
    return new Verdict(State.PROGRESSING, message);
  }
}
