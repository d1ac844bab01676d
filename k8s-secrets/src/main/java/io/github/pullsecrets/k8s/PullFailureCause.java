package io.github.pullsecrets.k8s;

/** Why a container cannot pull its image, as a diagnosis names it. */
public enum PullFailureCause {
  /** The image reference is not valid; the kubelet reports {@code InvalidImageName}. */
  INVALID_IMAGE_NAME,
  /** Neither the pod nor its ServiceAccount lists a pull secret; the pull was anonymous. */
  NO_PULL_SECRET,
  /**
   * The pod lists a pull secret that does not exist in its namespace; a Secret of that name may
   * exist in other namespaces.
   */
  SECRET_MISSING,
  /**
   * The pull secret is not of type {@code kubernetes.io/dockerconfigjson} with a {@code
   * .dockerconfigjson} key (or the legacy {@code dockercfg} pair); the kubelet ignores it.
   */
  WRONG_TYPE_OR_KEY,
  /** A pull secret does not decode; the kubelet then fails every pull of the pod. */
  UNDECODABLE,
  /** No entry of the pull secrets matches the image's registry by the kubelet's rules. */
  NO_MATCHING_ENTRY,
  /** The registry rejected the user name and password or token. */
  CREDENTIAL_REJECTED,
  /** The credential is valid but may not pull this repository. */
  NO_PULL_SCOPE,
  /** The repository, tag or digest does not exist. */
  IMAGE_NOT_FOUND,
  /** The registry could not be reached, or its TLS certificate was not trusted. */
  TLS_OR_NETWORK,
  /** The registry answered 429: too many requests. */
  RATE_LIMITED,
  /**
   * The pod lists no pull secrets, but its ServiceAccount does now: they were added after the pod
   * was created, and only new pods get them.
   */
  SERVICE_ACCOUNT_SECRET_ADDED_AFTER_POD,
  /** The events and objects read do not show the cause. */
  UNKNOWN
}
