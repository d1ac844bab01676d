package io.github.pullsecrets.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The workloads and ServiceAccounts of one namespace. Obtain from {@link
 * KubeClient#workloads(String)}.
 *
 * <pre>{@code
 * kube.workloads("shop").deployment("api").attachPullSecret("dcd");
 * kube.workloads("shop").serviceAccount("default").attachPullSecret("dcd");
 * kube.workloads("shop").matching("team=shop").attachPullSecret("dcd");
 * }</pre>
 */
public final class Workloads {

  private final KubeClient kube;
  private final String namespace;

  Workloads(KubeClient kube, String namespace) {
    this.kube = kube;
    this.namespace = namespace;
  }

  /**
   * Returns a Deployment.
   *
   * @param name its name
   * @return the workload
   */
  public Workload deployment(String name) {
    return workload(ResourceKind.DEPLOYMENT, name);
  }

  /**
   * Returns a StatefulSet.
   *
   * @param name its name
   * @return the workload
   */
  public Workload statefulSet(String name) {
    return workload(ResourceKind.STATEFUL_SET, name);
  }

  /**
   * Returns a DaemonSet.
   *
   * @param name its name
   * @return the workload
   */
  public Workload daemonSet(String name) {
    return workload(ResourceKind.DAEMON_SET, name);
  }

  /**
   * Returns a CronJob.
   *
   * @param name its name
   * @return the workload
   */
  public Workload cronJob(String name) {
    return workload(ResourceKind.CRON_JOB, name);
  }

  /**
   * Returns a ServiceAccount; its pull secrets reach only pods created afterwards.
   *
   * @param name its name, e.g. {@code default}
   * @return the ServiceAccount
   */
  public Workload serviceAccount(String name) {
    return workload(ResourceKind.SERVICE_ACCOUNT, name);
  }

  /**
   * Returns an object of any kind that has {@code imagePullSecrets}.
   *
   * @param kind a workload kind, {@link ResourceKind#POD} or {@link ResourceKind#SERVICE_ACCOUNT}
   * @param name its name
   * @return the workload
   * @throws IllegalArgumentException for a kind without {@code imagePullSecrets}
   */
  public Workload workload(ResourceKind kind, String name) {
    return new Workload(kube, Objects.requireNonNull(kind, "kind"), namespace, name);
  }

  /**
   * Returns every workload (of each kind in {@link ResourceKind#workloads()}) whose labels match a
   * selector. Pods that a controller owns are left to their controller.
   *
   * @param labelSelector the selector, such as {@code app=api}
   * @return the workloads found now
   * @throws KubeApiException if a list fails
   */
  public WorkloadGroup matching(String labelSelector) {
    return group(ListOptions.all().withLabelSelector(labelSelector));
  }

  /**
   * Returns every workload of the namespace.
   *
   * @return the workloads found now
   * @throws KubeApiException if a list fails
   */
  public WorkloadGroup all() {
    return group(ListOptions.all());
  }

  /** Returns the namespace. */
  @Override
  public String toString() {
    return "Workloads{" + namespace + "}";
  }

  private WorkloadGroup group(ListOptions options) {
    List<Workload> members = new ArrayList<>();
    for (ResourceKind kind : ResourceKind.workloads()) {
      for (KubeObject object : kube.resources(kind).list(namespace, options)) {
        if (!ownedByController(object)) {
          members.add(workload(kind, object.name()));
        }
      }
    }
    return new WorkloadGroup(members);
  }

  private static boolean ownedByController(KubeObject object) {
    for (var owner : object.view().path("metadata").path("ownerReferences")) {
      if (owner.path("controller").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }
}
