package io.github.pullsecrets.k8s;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of attaching or detaching a pull secret on one workload or ServiceAccount.
 *
 * @param kind the object's kind
 * @param namespace the namespace
 * @param name the object's name
 * @param secretName the pull secret's name
 * @param change what happened
 * @param reason why it failed; empty otherwise
 * @param note what the caller should know about the effect, e.g. that a ServiceAccount change only
 *     reaches pods created afterwards; empty when nothing
 */
public record PullSecretAttachment(
    ResourceKind kind,
    String namespace,
    String name,
    String secretName,
    AttachmentChange change,
    Optional<String> reason,
    Optional<String> note) {

  /** Checks that no component is null. */
  public PullSecretAttachment {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secretName, "secretName");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(note, "note");
  }

  /** Returns whether the object was written. */
  public boolean changed() {
    return change == AttachmentChange.ATTACHED || change == AttachmentChange.DETACHED;
  }
}
