/**
 * Pull Secrets and imagePullSecrets patching for Kubernetes manifests, and for live clusters: a
 * small API client ({@link io.github.pullsecrets.k8s.KubeClient}) with kubeconfig and in-cluster
 * configuration, applying pull Secrets to namespaces, attaching them to workloads and
 * ServiceAccounts, waiting for rollouts and diagnosing image pull failures.
 *
 * <p>Every parameter and return value in this package is non-null unless its Javadoc says
 * otherwise; lookups that can miss return {@link java.util.Optional} and lists are empty rather
 * than null. No type here shows a password, an {@code auth} string or Secret data in {@code
 * toString()}, in an exception message or in a log record.
 */
package io.github.pullsecrets.k8s;
