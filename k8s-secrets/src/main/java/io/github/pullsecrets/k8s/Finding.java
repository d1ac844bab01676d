package io.github.pullsecrets.k8s;

import io.github.pullsecrets.auth.AccessResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why one container of one pod cannot pull its image: the cause, a sentence for people, and the
 * evidence it rests on. Nothing here holds a password: entries are named by their registry key.
 *
 * @param pod the pod's name
 * @param container the container's name
 * @param image the image as written in the pod spec
 * @param waitingReason {@code ErrImagePull}, {@code ImagePullBackOff} or {@code InvalidImageName}
 * @param cause the cause named
 * @param explanation what is wrong and what to do, in one or two sentences
 * @param pullSecrets the pod's {@code imagePullSecrets} names, in order
 * @param missingSecrets the names among them that do not exist in the namespace
 * @param foundElsewhere namespaces in which a Secret of a missing name does exist
 * @param entries the registry keys the kubelet would consider, most specific first
 * @param events the messages of the pod's events about this container, oldest first
 * @param registryCheck the registry's answer, when the diagnosis was allowed to ask it
 */
public record Finding(
    String pod,
    String container,
    String image,
    String waitingReason,
    PullFailureCause cause,
    String explanation,
    List<String> pullSecrets,
    List<String> missingSecrets,
    List<String> foundElsewhere,
    List<String> entries,
    List<String> events,
    Optional<AccessResult> registryCheck) {

  /** Checks the components and freezes the lists. */
  public Finding {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(waitingReason, "waitingReason");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(explanation, "explanation");
    pullSecrets = List.copyOf(pullSecrets);
    missingSecrets = List.copyOf(missingSecrets);
    foundElsewhere = List.copyOf(foundElsewhere);
    entries = List.copyOf(entries);
    events = List.copyOf(events);
    Objects.requireNonNull(registryCheck, "registryCheck");
  }
}
