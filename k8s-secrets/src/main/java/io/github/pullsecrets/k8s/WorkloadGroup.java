package io.github.pullsecrets.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Several workloads, changed one after the other; a failure on one is reported and does not stop
 * the others. Immutable.
 */
public final class WorkloadGroup {

  private final List<Workload> members;

  WorkloadGroup(List<Workload> members) {
    this.members = List.copyOf(members);
  }

  /** Returns the workloads, by kind then in list order. */
  public List<Workload> members() {
    return members;
  }

  /**
   * Attaches a pull secret to every workload.
   *
   * @param secretName the pull secret's name
   * @return one result per workload, failures included
   */
  public List<PullSecretAttachment> attachPullSecret(String secretName) {
    return each(secretName, workload -> workload.attachPullSecret(secretName));
  }

  /**
   * Detaches a pull secret from every workload.
   *
   * @param secretName the pull secret's name
   * @return one result per workload, failures included
   */
  public List<PullSecretAttachment> detachPullSecret(String secretName) {
    return each(secretName, workload -> workload.detachPullSecret(secretName));
  }

  /** Returns the members. */
  @Override
  public String toString() {
    return "WorkloadGroup" + members;
  }

  private List<PullSecretAttachment> each(
      String secretName, Function<Workload, PullSecretAttachment> change) {
    List<PullSecretAttachment> results = new ArrayList<>();
    for (Workload workload : members) {
      try {
        results.add(change.apply(workload));
      } catch (KubernetesException | UnsupportedOperationException e) {
        results.add(failed(workload, secretName, e));
      }
    }
    return List.copyOf(results);
  }

  private static PullSecretAttachment failed(Workload workload, String secretName, Exception e) {
    return new PullSecretAttachment(
        workload.kind(),
        workload.namespace(),
        workload.name(),
        secretName,
        AttachmentChange.FAILED,
        Optional.of(String.valueOf(e.getMessage())),
        Optional.empty());
  }
}
