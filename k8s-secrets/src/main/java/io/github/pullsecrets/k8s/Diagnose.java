package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pullsecrets.auth.AccessResult;
import io.github.pullsecrets.auth.DockerAuthException;
import io.github.pullsecrets.auth.ImageReference;
import io.github.pullsecrets.auth.KeyringMatch;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.k8s.internal.kube.PullFailureRules;
import io.github.pullsecrets.k8s.internal.kube.PullSecretEvidence;
import io.github.pullsecrets.k8s.internal.kube.PullSecretPatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Diagnoses image pull failures in one namespace. For each container waiting in {@code
 * ErrImagePull}, {@code ImagePullBackOff} or {@code InvalidImageName} it reads the pod's events,
 * its pull secrets and its ServiceAccount, checks the secrets as the kubelet would (type and key,
 * decoding, which entry matches the image) and names the cause in a {@link Finding}. With {@link
 * #confirmWithRegistry(RegistryAccess)} it also asks the registry whether the matching credential
 * can pull the image. Obtain from {@link KubeClient#diagnose(String)}; immutable.
 */
public final class Diagnose {

  private static final Set<String> PULL_FAILURES =
      Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");

  private final KubeClient kube;
  private final String namespace;
  private final RegistryAccess registry;

  Diagnose(KubeClient kube, String namespace, RegistryAccess registry) {
    this.kube = kube;
    this.namespace = namespace;
    this.registry = registry;
  }

  /**
   * Returns a diagnosis that also checks the matching credential against the registry over the
   * network ({@code RegistryAccess.canPull}); without it, no registry is contacted.
   *
   * @param access the registry access configuration to use
   * @return the changed diagnosis
   */
  public Diagnose confirmWithRegistry(RegistryAccess access) {
    return new Diagnose(kube, namespace, Objects.requireNonNull(access, "access"));
  }

  /**
   * Diagnoses the pods of a Deployment.
   *
   * @param name the Deployment's name
   * @return the findings
   * @throws KubeApiException if the Deployment or its pods cannot be read
   */
  public Diagnosis deployment(String name) {
    return workload(ResourceKind.DEPLOYMENT, name);
  }

  /**
   * Diagnoses the pods of a StatefulSet.
   *
   * @param name the StatefulSet's name
   * @return the findings
   * @throws KubeApiException if the StatefulSet or its pods cannot be read
   */
  public Diagnosis statefulSet(String name) {
    return workload(ResourceKind.STATEFUL_SET, name);
  }

  /**
   * Diagnoses the pods of a DaemonSet.
   *
   * @param name the DaemonSet's name
   * @return the findings
   * @throws KubeApiException if the DaemonSet or its pods cannot be read
   */
  public Diagnosis daemonSet(String name) {
    return workload(ResourceKind.DAEMON_SET, name);
  }

  /**
   * Diagnoses the pods selected by a workload's {@code spec.selector}.
   *
   * @param kind a workload kind with a selector (not CronJob)
   * @param name the workload's name
   * @return the findings
   * @throws KubeApiException if the workload or its pods cannot be read
   */
  public Diagnosis workload(ResourceKind kind, String name) {
    KubeObject workload = kube.resources(kind).get(namespace, name);
    String selector = selector(workload.view().path("spec").path("selector"));
    if (selector.isEmpty()) {
      throw new KubernetesException(kind.kind() + " " + name + " has no pod selector");
    }
    return pods(kind.kind() + " " + namespace + "/" + name, selector);
  }

  /**
   * Diagnoses the pods whose labels match a selector.
   *
   * @param labelSelector the selector
   * @return the findings
   * @throws KubeApiException if the pods cannot be read
   */
  public Diagnosis pods(String labelSelector) {
    return pods("pods " + labelSelector + " in " + namespace, labelSelector);
  }

  /**
   * Diagnoses one pod.
   *
   * @param name the pod's name
   * @return the findings
   * @throws KubeApiException if the pod cannot be read
   */
  public Diagnosis pod(String name) {
    KubeObject pod = kube.resources(ResourceKind.POD).get(namespace, name);
    return new Diagnosis("Pod " + namespace + "/" + name, List.of(name), findings(pod.view()));
  }

  /** Returns the namespace and whether the registry is asked. */
  @Override
  public String toString() {
    return "Diagnose{" + namespace + ", registryCheck=" + (registry != null) + "}";
  }

  private Diagnosis pods(String target, String selector) {
    ListOptions options = ListOptions.all().withLabelSelector(selector);
    List<String> names = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (KubeObject pod : kube.resources(ResourceKind.POD).list(namespace, options)) {
      names.add(pod.name());
      findings.addAll(findings(pod.view()));
    }
    return new Diagnosis(target, names, findings);
  }

  private List<Finding> findings(JsonNode pod) {
    List<JsonNode> waiting = waiting(pod.path("status"));
    if (waiting.isEmpty()) {
      return List.of();
    }
    String podName = pod.path("metadata").path("name").asText();
    List<JsonNode> events = events(podName);
    List<String> names = PullSecretPatches.names(pod.path("spec").path("imagePullSecrets"));
    PullSecretEvidence evidence = PullSecretEvidence.check(names, this::secret);
    PodContext context = new PodContext(pod, podName, events, evidence);
    return waiting.stream().map(context::finding).toList();
  }

  private static List<JsonNode> waiting(JsonNode status) {
    List<JsonNode> waiting = new ArrayList<>();
    for (String field : List.of("initContainerStatuses", "containerStatuses")) {
      for (JsonNode container : status.path(field)) {
        if (PULL_FAILURES.contains(
            container.path("state").path("waiting").path("reason").asText())) {
          waiting.add(container);
        }
      }
    }
    return waiting;
  }

  private List<JsonNode> events(String pod) {
    ListOptions options =
        ListOptions.all().withFieldSelector("involvedObject.kind=Pod,involvedObject.name=" + pod);
    return kube.resources(ResourceKind.EVENT).list(namespace, options).stream()
        .map(KubeObject::view)
        .toList();
  }

  private Optional<JsonNode> secret(String name) {
    return kube.resources(ResourceKind.SECRET).find(namespace, name).map(KubeObject::view);
  }

  private List<String> namespacesHolding(List<String> names) {
    List<String> namespaces = new ArrayList<>();
    for (String name : names) {
      ListOptions options = ListOptions.all().withFieldSelector("metadata.name=" + name);
      try {
        kube.resources(ResourceKind.SECRET)
            .list("", options)
            .forEach(secret -> namespaces.add(secret.namespace()));
      } catch (KubeApiException e) {
        return List.of();
      }
    }
    return namespaces.stream().distinct().sorted().toList();
  }

  private List<String> serviceAccountSecrets(JsonNode pod) {
    String account = pod.path("spec").path("serviceAccountName").asText("default");
    return kube.resources(ResourceKind.SERVICE_ACCOUNT)
        .find(namespace, account)
        .map(sa -> PullSecretPatches.names(sa.view().path("imagePullSecrets")))
        .orElse(List.of());
  }

  private static String selector(JsonNode selector) {
    StringJoiner joined = new StringJoiner(",");
    selector
        .path("matchLabels")
        .properties()
        .forEach(label -> joined.add(label.getKey() + "=" + label.getValue().asText()));
    for (JsonNode expression : selector.path("matchExpressions")) {
      joined.add(expression(expression));
    }
    return joined.toString();
  }

  private static String expression(JsonNode expression) {
    String key = expression.path("key").asText();
    List<String> values = new ArrayList<>();
    expression.path("values").forEach(value -> values.add(value.asText()));
    switch (expression.path("operator").asText()) {
      case "In":
        return key + " in (" + String.join(",", values) + ")";
      case "NotIn":
        return key + " notin (" + String.join(",", values) + ")";
      case "DoesNotExist":
        return "!" + key;
      default:
        return key;
    }
  }

  /** What is known about one pod while its waiting containers are diagnosed. */
  private final class PodContext {
    private final JsonNode pod;
    private final String name;
    private final List<JsonNode> events;
    private final PullSecretEvidence evidence;

    PodContext(JsonNode pod, String name, List<JsonNode> events, PullSecretEvidence evidence) {
      this.pod = pod;
      this.name = name;
      this.events = events;
      this.evidence = evidence;
    }

    Finding finding(JsonNode status) {
      String container = status.path("name").asText();
      String image = image(container, status);
      String reason = status.path("state").path("waiting").path("reason").asText();
      List<String> messages = messages(container);
      Verdict verdict = verdict(reason, image, messages);
      return new Finding(
          name,
          container,
          image,
          reason,
          verdict.cause,
          verdict.explanation,
          evidence.names(),
          evidence.missing(),
          verdict.foundElsewhere,
          evidence.keyring().keys(),
          messages,
          verdict.registryCheck);
    }

    private String image(String container, JsonNode status) {
      for (String field : List.of("containers", "initContainers")) {
        for (JsonNode spec : pod.path("spec").path(field)) {
          if (container.equals(spec.path("name").asText())) {
            return spec.path("image").asText();
          }
        }
      }
      return status.path("image").asText();
    }

    private List<String> messages(String container) {
      List<String> all = new ArrayList<>();
      List<String> own = new ArrayList<>();
      for (JsonNode event : events) {
        String message = event.path("message").asText("");
        String path = event.path("involvedObject").path("fieldPath").asText("");
        all.add(message);
        if (path.endsWith("{" + container + "}")) {
          own.add(message);
        }
      }
      return own.isEmpty() ? all : own;
    }

    private Verdict verdict(String reason, String image, List<String> messages) {
      Optional<ImageReference> reference = parse(image);
      if (reason.equals("InvalidImageName") || reference.isEmpty()) {
        return Verdict.of(
            PullFailureCause.INVALID_IMAGE_NAME,
            "the image reference \"" + image + "\" is not valid; fix it in the pod template");
      }
      if (!evidence.undecodable().isEmpty()) {
        return Verdict.of(PullFailureCause.UNDECODABLE, undecodable());
      }
      Optional<PullFailureCause> fromEvents = PullFailureRules.fromEvents(messages);
      if (fromEvents.filter(PullFailureRules::independentOfSecrets).isPresent()) {
        return Verdict.of(fromEvents.get(), explain(fromEvents.get(), reference.get()));
      }
      if (evidence.names().isEmpty()) {
        return withoutSecrets();
      }
      return withSecrets(reference.get(), fromEvents);
    }

    private Verdict withoutSecrets() {
      List<String> accountSecrets = serviceAccountSecrets(pod);
      if (!accountSecrets.isEmpty()) {
        return Verdict.of(
            PullFailureCause.SERVICE_ACCOUNT_SECRET_ADDED_AFTER_POD,
            "the pod lists no imagePullSecrets, but its ServiceAccount now lists "
                + accountSecrets
                + "; they were added after the pod was created and reach only"
                + " new pods: restart the workload (or delete the pod)");
      }
      return Verdict.of(
          PullFailureCause.NO_PULL_SECRET,
          "neither the pod nor its ServiceAccount lists an imagePullSecret, so the image was"
              + " pulled anonymously; attach a pull secret to the workload or ServiceAccount");
    }

    private Verdict withSecrets(ImageReference image, Optional<PullFailureCause> fromEvents) {
      List<KeyringMatch> matches = evidence.keyring().lookup(image);
      if (matches.isEmpty()) {
        return unmatched(image);
      }
      Optional<AccessResult> check = check(matches.get(0), image);
      Optional<PullFailureCause> cause =
          check.flatMap(PullFailureRules::fromAccess).or(() -> fromEvents);
      if (cause.isPresent()) {
        return new Verdict(
            cause.get(),
            explain(cause.get(), image)
                + " (credential of entry "
                + matches.get(0).entryKey()
                + " in Secret "
                + matches.get(0).secretName()
                + ")",
            List.of(),
            check);
      }
      if (!evidence.missing().isEmpty()) {
        return missing();
      }
      return new Verdict(
          PullFailureCause.UNKNOWN,
          "the events do not say why the pull failed; the kubelet would use entry "
              + matches.get(0).entryKey()
              + " of Secret "
              + matches.get(0).secretName(),
          List.of(),
          check);
    }

    private Verdict unmatched(ImageReference image) {
      if (!evidence.missing().isEmpty()) {
        return missing();
      }
      if (!evidence.wrongType().isEmpty()) {
        return Verdict.of(
            PullFailureCause.WRONG_TYPE_OR_KEY,
            describe(evidence.wrongType())
                + "; the kubelet ignores such Secrets: recreate them as"
                + " kubernetes.io/dockerconfigjson with the config under the key"
                + " .dockerconfigjson");
      }
      return Verdict.of(
          PullFailureCause.NO_MATCHING_ENTRY,
          "no entry of the pull secrets matches registry "
              + image.registry()
              + " (entries: "
              + String.join(", ", evidence.keyring().keys())
              + "); add a credential under the key "
              + image.registry());
    }

    private Verdict missing() {
      List<String> elsewhere = namespacesHolding(evidence.missing());
      String where =
          elsewhere.isEmpty()
              ? "no namespace has a Secret of that name"
              : "a Secret of that name exists in " + String.join(", ", elsewhere);
      return new Verdict(
          PullFailureCause.SECRET_MISSING,
          "Secret "
              + String.join(", ", evidence.missing())
              + " does not exist in namespace "
              + namespace
              + " ("
              + where
              + "); pull secrets must be in the pod's namespace",
          elsewhere,
          Optional.empty());
    }

    private String undecodable() {
      return describe(evidence.undecodable())
          + "; the kubelet fails every pull of a pod with an undecodable pull secret";
    }

    private Optional<AccessResult> check(KeyringMatch match, ImageReference image) {
      if (registry == null) {
        return Optional.empty();
      }
      return Optional.of(registry.forCredential(match.credential()).canPull(image));
    }
  }

  private static String describe(Map<String, String> problems) {
    StringJoiner text = new StringJoiner("; ");
    problems.forEach((secret, problem) -> text.add("Secret " + secret + ": " + problem));
    return text.toString();
  }

  private static String explain(PullFailureCause cause, ImageReference image) {
    switch (cause) {
      case RATE_LIMITED:
        return image.registry() + " is rate limiting pulls (429); authenticate or use a mirror";
      case TLS_OR_NETWORK:
        return "the node cannot reach " + image.registry() + " or does not trust its certificate";
      case IMAGE_NOT_FOUND:
        return "the image " + image.familiar() + " does not exist; check repository and tag";
      case NO_PULL_SCOPE:
        return "the registry accepts the credential but it may not pull " + image.repository();
      case CREDENTIAL_REJECTED:
        return "the registry rejects the credential: wrong or expired user name or password";
      default:
        return cause.toString();
    }
  }

  private static Optional<ImageReference> parse(String image) {
    try {
      return Optional.of(ImageReference.parse(image));
    } catch (DockerAuthException e) {
      return Optional.empty();
    }
  }

  /** A cause with its explanation and evidence. */
  private static final class Verdict {
    final PullFailureCause cause;
    final String explanation;
    final List<String> foundElsewhere;
    final Optional<AccessResult> registryCheck;

    Verdict(
        PullFailureCause cause,
        String explanation,
        List<String> foundElsewhere,
        Optional<AccessResult> registryCheck) {
      this.cause = cause;
      this.explanation = explanation;
      this.foundElsewhere = foundElsewhere;
      this.registryCheck = registryCheck;
    }

    static Verdict of(PullFailureCause cause, String explanation) {
      return new Verdict(cause, explanation, List.of(), Optional.empty());
    }
  }
}
