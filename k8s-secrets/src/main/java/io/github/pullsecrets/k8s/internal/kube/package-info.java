/**
 * Implementation of the live-cluster half of k8s-secrets: kubeconfig and in-cluster settings, PEM
 * and TLS, credential sources, the request transport over the shared HTTP pipeline, and the rules
 * behind apply, attach, rollout and diagnosis. Not exported.
 *
 * <p>Every parameter and return value in this package is non-null unless its Javadoc says
 * otherwise.
 */
package io.github.pullsecrets.k8s.internal.kube;
