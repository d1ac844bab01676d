package io.github.pullsecrets.k8s;

import java.util.List;
import java.util.Optional;

/**
 * The resource kinds the client works with: their API group and version, plural resource name,
 * whether they live in a namespace, and for workloads where the pod template's {@code
 * imagePullSecrets} is.
 */
public enum ResourceKind {
  /** {@code v1} Secret. */
  SECRET("", "v1", "Secret", "secrets", true, List.of()),
  /** {@code v1} ServiceAccount; its {@code imagePullSecrets} is an atomic list. */
  SERVICE_ACCOUNT("", "v1", "ServiceAccount", "serviceaccounts", true, List.of()),
  /** {@code v1} Namespace. */
  NAMESPACE("", "v1", "Namespace", "namespaces", false, List.of()),
  /** {@code v1} Pod; its {@code imagePullSecrets} cannot change after creation. */
  POD("", "v1", "Pod", "pods", true, List.of("spec")),
  /** {@code v1} Event. */
  EVENT("", "v1", "Event", "events", true, List.of()),
  /** {@code apps/v1} Deployment. */
  DEPLOYMENT("apps", "v1", "Deployment", "deployments", true, template()),
  /** {@code apps/v1} StatefulSet. */
  STATEFUL_SET("apps", "v1", "StatefulSet", "statefulsets", true, template()),
  /** {@code apps/v1} DaemonSet. */
  DAEMON_SET("apps", "v1", "DaemonSet", "daemonsets", true, template()),
  /** {@code apps/v1} ReplicaSet. */
  REPLICA_SET("apps", "v1", "ReplicaSet", "replicasets", true, template()),
  /** {@code v1} ReplicationController. */
  REPLICATION_CONTROLLER(
      "", "v1", "ReplicationController", "replicationcontrollers", true, template()),
  /** {@code batch/v1} Job. */
  JOB("batch", "v1", "Job", "jobs", true, template()),
  /** {@code batch/v1} CronJob. */
  CRON_JOB(
      "batch",
      "v1",
      "CronJob",
      "cronjobs",
      true,
      List.of("spec", "jobTemplate", "spec", "template", "spec"));

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;
  private final boolean namespaced;
  private final List<String> podSpecPath;

  ResourceKind(
      String group,
      String version,
      String kind,
      String plural,
      boolean namespaced,
      List<String> podSpecPath) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.plural = plural;
    this.namespaced = namespaced;
    this.podSpecPath = podSpecPath;
  }

  /** Returns the kinds whose pod template can carry {@code imagePullSecrets}. */
  public static List<ResourceKind> workloads() {
    return List.of(
        DEPLOYMENT, STATEFUL_SET, DAEMON_SET, REPLICA_SET, REPLICATION_CONTROLLER, JOB, CRON_JOB);
  }

  /** Returns the API group, empty for the core group. */
  public String group() {
    return group;
  }

  /** Returns {@code apiVersion} as written in objects: {@code v1} or {@code apps/v1}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Returns the {@code kind} as written in objects. */
  public String kind() {
    return kind;
  }

  /** Returns the plural resource name used in paths. */
  public String plural() {
    return plural;
  }

  /** Returns whether objects of this kind live in a namespace. */
  public boolean namespaced() {
    return namespaced;
  }

  /** Returns the path from the object root to its pod spec, if it has one. */
  public Optional<List<String>> podSpecPath() {
    return podSpecPath.isEmpty() ? Optional.empty() : Optional.of(podSpecPath);
  }

  /**
   * Returns the collection path: {@code /api/v1/namespaces/NS/secrets} or {@code
   * /apis/apps/v1/...}.
   *
   * @param namespace the namespace, ignored for cluster-scoped kinds; empty for all namespaces
   * @return the path
   */
  public String collectionPath(String namespace) {
    String root = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    if (!namespaced || namespace.isEmpty()) {
      return root + "/" + plural;
    }
    return root + "/namespaces/" + namespace + "/" + plural;
  }

  private static List<String> template() {
    return List.of("spec", "template", "spec");
  }
}
