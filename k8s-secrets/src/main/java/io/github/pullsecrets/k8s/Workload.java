package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pullsecrets.k8s.internal.kube.PullSecretPatches;
import io.github.pullsecrets.k8s.internal.kube.RolloutRules;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One live workload or ServiceAccount: attach or detach a pull secret, wait for a rollout.
 *
 * <p>Workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job,
 * CronJob) get a strategic merge patch of their pod template, which merges by name and keeps the
 * other entries. A ServiceAccount's {@code imagePullSecrets} is an atomic list, so it gets a JSON
 * patch that appends or removes one entry, guarded by a {@code test} of the resourceVersion just
 * read; when another writer got there first (the server answers 422 for a failed {@code test}, or
 * 409) the ServiceAccount is read again and the patch retried, up to {@value #MAX_ATTEMPTS} times.
 * Server-side apply is never used on ServiceAccounts: it conflicts with {@code before-first-apply}.
 *
 * <p>Obtain from {@link Workloads}; immutable and thread-safe.
 */
public final class Workload {

  /** How many fresh reads a ServiceAccount patch gets before giving up. */
  public static final int MAX_ATTEMPTS = 5;

  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.k8s.workloads");
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
  private static final String SERVICE_ACCOUNT_NOTE =
      "a ServiceAccount's pull secrets are copied into pods only when they are created, and only"
          + " into pods that list no imagePullSecrets of their own; running pods keep theirs"
          + " until they are replaced";
  private static final String TEMPLATE_NOTE =
      "the pod template changed; the controller replaces its pods";

  private final KubeClient kube;
  private final ResourceKind kind;
  private final String namespace;
  private final String name;

  Workload(KubeClient kube, ResourceKind kind, String namespace, String name) {
    if (kind != ResourceKind.SERVICE_ACCOUNT && kind.podSpecPath().isEmpty()) {
      throw new IllegalArgumentException(kind + " has no imagePullSecrets");
    }
    this.kube = kube;
    this.kind = kind;
    this.namespace = namespace;
    this.name = Objects.requireNonNull(name, "name");
  }

  /** Returns the kind. */
  public ResourceKind kind() {
    return kind;
  }

  /** Returns the namespace. */
  public String namespace() {
    return namespace;
  }

  /** Returns the name. */
  public String name() {
    return name;
  }

  /**
   * Reads the object.
   *
   * @return the object as stored
   * @throws KubeApiException if it does not exist or cannot be read
   */
  public KubeObject get() {
    return kube.resources(kind).get(namespace, name);
  }

  /**
   * Returns the names in the object's {@code imagePullSecrets}, in order.
   *
   * @return the names; empty when there are none
   * @throws KubeApiException if the object cannot be read
   */
  public List<String> pullSecrets() {
    return PullSecretPatches.names(list(get().view()));
  }

  /**
   * Adds a name to {@code imagePullSecrets}, keeping the other entries; writes nothing when the
   * name is already there.
   *
   * @param secretName the pull secret's name
   * @return what happened, with a note on when pods get it
   * @throws KubeApiException if the object cannot be read or patched
   * @throws UnsupportedOperationException for a Pod, whose pull secrets cannot change
   */
  public PullSecretAttachment attachPullSecret(String secretName) {
    Objects.requireNonNull(secretName, "secretName");
    return kind == ResourceKind.SERVICE_ACCOUNT
        ? changeServiceAccount(secretName, false)
        : changeTemplate(secretName, false);
  }

  /**
   * Removes a name from {@code imagePullSecrets}, keeping the other entries; writes nothing when
   * the name is not there.
   *
   * @param secretName the pull secret's name
   * @return what happened
   * @throws KubeApiException if the object cannot be read or patched
   */
  public PullSecretAttachment detachPullSecret(String secretName) {
    Objects.requireNonNull(secretName, "secretName");
    return kind == ResourceKind.SERVICE_ACCOUNT
        ? changeServiceAccount(secretName, true)
        : changeTemplate(secretName, true);
  }

  /**
   * Waits until a Deployment, StatefulSet or DaemonSet has rolled out its current template: the
   * controller observed the generation, and every replica is updated and available. A Deployment
   * that reports {@code ProgressDeadlineExceeded} ends the wait at once.
   *
   * @param timeout how long to wait at most
   * @return how the rollout ended
   * @throws KubeApiException if the workload cannot be read
   * @throws UnsupportedOperationException for other kinds
   */
  public RolloutResult waitForRollout(Duration timeout) {
    if (!List.of(ResourceKind.DEPLOYMENT, ResourceKind.STATEFUL_SET, ResourceKind.DAEMON_SET)
        .contains(kind)) {
      throw new UnsupportedOperationException(kind + " has no rollout to wait for");
    }
    Instant started = kube.clock().instant();
    Instant deadline = started.plus(timeout);
    while (true) {
      RolloutRules.Verdict verdict = RolloutRules.evaluate(kind.kind(), get().view());
      Duration waited = Duration.between(started, kube.clock().instant());
      if (verdict.state() != RolloutRules.State.PROGRESSING) {
        return rollout(state(verdict), verdict.message(), waited);
      }
      if (!kube.clock().instant().plus(POLL_INTERVAL).isBefore(deadline)) {
        return rollout(RolloutState.TIMED_OUT, verdict.message(), waited);
      }
      LOGGER.log(Level.DEBUG, () -> "rollout of " + this + ": " + verdict.message());
      pause();
    }
  }

  /** Returns kind, namespace and name. */
  @Override
  public String toString() {
    return kind.kind() + " " + namespace + "/" + name;
  }

  private PullSecretAttachment changeTemplate(String secretName, boolean remove) {
    if (kind == ResourceKind.POD) {
      throw new UnsupportedOperationException(
          "the imagePullSecrets of an existing Pod cannot change; change its controller or"
              + " ServiceAccount and let the Pod be recreated");
    }
    boolean present = pullSecrets().contains(secretName);
    if (present != remove) {
      return result(secretName, AttachmentChange.UNCHANGED, Optional.empty());
    }
    String patch =
        PullSecretPatches.strategic(kind.podSpecPath().orElseThrow(), secretName, remove)
            .toString();
    kube.resources(kind)
        .patch(namespace, name, PatchType.STRATEGIC_MERGE, patch, WriteOptions.defaults());
    return result(secretName, changed(remove), Optional.of(TEMPLATE_NOTE));
  }

  private PullSecretAttachment changeServiceAccount(String secretName, boolean remove) {
    return changeServiceAccount(secretName, remove, null, WriteOptions.defaults());
  }

  /**
   * Attaches to a ServiceAccount starting from a copy read beforehand (by a bulk list), so that
   * nothing is read when the copy is current; a stale copy fails the guard and is read again.
   */
  PullSecretAttachment attachToServiceAccount(
      String secretName, KubeObject known, WriteOptions options) {
    return changeServiceAccount(secretName, false, known.view(), options);
  }

  /** Whether a ServiceAccount as read lists a pull secret. */
  boolean lists(KubeObject account, String secretName) {
    return PullSecretPatches.indexOf(list(account.view()), secretName).isPresent();
  }

  private PullSecretAttachment changeServiceAccount(
      String secretName, boolean remove, JsonNode known, WriteOptions options) {
    Resources accounts = kube.resources(ResourceKind.SERVICE_ACCOUNT);
    JsonNode account = known;
    for (int attempt = 1; ; attempt++) {
      if (account == null) {
        account = accounts.get(namespace, name).view();
      }
      OptionalInt index = PullSecretPatches.indexOf(list(account), secretName);
      if (index.isPresent() != remove) {
        return result(secretName, AttachmentChange.UNCHANGED, Optional.empty());
      }
      String patch =
          remove
              ? PullSecretPatches.removeGuarded(account, index.getAsInt()).toString()
              : PullSecretPatches.appendGuarded(account, secretName).toString();
      try {
        accounts.patch(namespace, name, PatchType.JSON, patch, options);
        return result(secretName, changed(remove), Optional.of(SERVICE_ACCOUNT_NOTE));
      } catch (KubeApiException e) {
        if (!(e.invalid() || e.conflict()) || attempt == MAX_ATTEMPTS) {
          throw e;
        }
        int failed = attempt;
        LOGGER.log(Level.DEBUG, () -> this + " changed meanwhile (attempt " + failed + ")");
        account = null;
      }
    }
  }

  private JsonNode list(JsonNode object) {
    JsonNode node = object;
    for (String step : kind.podSpecPath().orElse(List.of())) {
      node = node.path(step);
    }
    return node.path("imagePullSecrets");
  }

  private PullSecretAttachment result(
      String secretName, AttachmentChange change, Optional<String> note) {
    return new PullSecretAttachment(
        kind, namespace, name, secretName, change, Optional.empty(), note);
  }

  private static AttachmentChange changed(boolean remove) {
    return remove ? AttachmentChange.DETACHED : AttachmentChange.ATTACHED;
  }

  private RolloutResult rollout(RolloutState state, String message, Duration waited) {
    return new RolloutResult(kind, namespace, name, state, message, waited);
  }

  private static RolloutState state(RolloutRules.Verdict verdict) {
    return verdict.state() == RolloutRules.State.COMPLETE
        ? RolloutState.COMPLETE
        : RolloutState.FAILED;
  }

  private void pause() {
    try {
      kube.sleeper().sleep(POLL_INTERVAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesException("interrupted while waiting for the rollout of " + this, e);
    }
  }
}
