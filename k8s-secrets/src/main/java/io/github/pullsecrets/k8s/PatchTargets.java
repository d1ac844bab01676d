package io.github.pullsecrets.k8s;

/** Which objects of a manifest stream get the imagePullSecret. */
public enum PatchTargets {
  /**
   * Every workload kind: Pod, ReplicationController, Deployment, ReplicaSet, StatefulSet,
   * DaemonSet, Job and CronJob.
   */
  WORKLOADS,
  /**
   * Every workload kind and every ServiceAccount. Pods created later under such a ServiceAccount
   * inherit its pull secrets only when they have none of their own.
   */
  WORKLOADS_AND_SERVICE_ACCOUNTS
}
