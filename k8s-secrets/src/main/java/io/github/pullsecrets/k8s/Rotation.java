package io.github.pullsecrets.k8s;

import io.github.pullsecrets.auth.AccessResult;
import io.github.pullsecrets.auth.CredentialIssuer;
import io.github.pullsecrets.auth.CredentialRequest;
import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.Entry;
import io.github.pullsecrets.auth.ImageReference;
import io.github.pullsecrets.auth.IssuedCredential;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.Sleeper;
import io.github.pullsecrets.k8s.internal.NameRules;
import io.github.pullsecrets.k8s.internal.rotation.PendingToken;
import io.github.pullsecrets.k8s.internal.rotation.SecretEdits;
import io.github.pullsecrets.k8s.internal.rotation.TokenAnnotations;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Replaces the token in a pull Secret before it expires, in an order that never fails a pull, and
 * so that running the same rotation again after a crash at any point finishes the job.
 *
 * <pre>{@code
 * RotationResult result =
 *     Rotation.builder(kube, registryClient.credentialIssuer())
 *         .registry(registryId)
 *         .secretName("dcd")
 *         .namespaces("shop", "staging")
 *         .requireReference("shop", ResourceKind.DEPLOYMENT, "api")
 *         .lifetime(Duration.ofDays(90))
 *         .grace(Duration.ofMinutes(10))
 *         .policy(RotationPolicy.atFractionOfLifetime(2, 3))
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>The order of a rotation: issue a new pull-only token ({@link RotationStep#ISSUED}); check that
 * it can pull an image named with {@link Builder#image(String)} or used by a required workload
 * ({@link RotationStep#VERIFIED}); write it into the Secret of every namespace, same name, so no
 * rollout is needed ({@link RotationStep#STORED}); make sure the required workloads and
 * ServiceAccounts reference the Secret and mark every Secret switched ({@link
 * RotationStep#SWITCHED}); wait the grace period ({@link RotationStep#GRACE_ELAPSED}); revoke the
 * tokens replaced ({@link RotationStep#REVOKED}); remove the rotation annotations ({@link
 * RotationStep#COMPLETED}).
 *
 * <p>With {@link RotationStrategy#NEW_SECRET} the new token goes into a Secret with a new name,
 * {@code <name>-<yyyyMMdd-HHmmss>}, labelled {@code pullsecrets.io/rotation-of: <name>}. It is
 * attached to the required workloads and to every workload and ServiceAccount that referenced the
 * old Secret, the rollouts are awaited, then the old name is detached everywhere and the old Secret
 * deleted (annotation {@code pullsecrets.io/rotation-replaces-secrets} keeps its name until then),
 * and only then, after the grace period, is the old token revoked. No workload ever references a
 * Secret that does not exist.
 *
 * <p><b>Crash safety.</b> The state lives in annotations on the Secrets: {@value #TOKEN_ID},
 * {@value #TOKEN_ISSUED_AT} and {@value #TOKEN_EXPIRES_AT} describe the token a Secret carries;
 * while a rotation runs, {@value #ROTATION_STEP} ({@code stored} or {@code switched}), {@value
 * #ROTATION_REPLACES} (the ids to revoke) and {@value #ROTATION_SWITCHED_AT} (the start of the
 * grace period) say how far it got. The new password lives only in memory until the first Secret
 * holds it; from then on the Secret is where a later run reads it, so a run that finds a Secret at
 * step {@code stored} or {@code switched} resumes with that token and never issues another. A
 * failure before the first Secret holds the new token (the verification included) revokes that
 * token and leaves every Secret as it was (only its resourceVersion moves: the issuing mark below
 * is written and removed). A token is revoked only after every Secret was read again and none still
 * carries it. For a process killed between the issuer's answer and the first write, the name of the
 * token is written ({@value #ROTATION_ISSUING}) on one existing Secret before the issuer is asked;
 * the next run asks the issuer for tokens of that name ({@link CredentialIssuer#idsNamed}) and
 * revokes them. An issuer that cannot look tokens up by name gets a warning instead, and a
 * namespace set with no Secret yet has nowhere to write the mark; the expiry inventory lists such a
 * token as used by no Secret. Two rotations of the same Secret at the same time are not coordinated
 * beyond that: the second one to write finds the first one's step annotation, stops, and revokes
 * its own token.
 *
 * <p>A Secret of that name that already exists must have type {@value PullSecret#TYPE}; it is
 * rotated whoever created it, since the caller named it. A namespace without it gets one, labelled
 * {@code app.kubernetes.io/managed-by: pullsecrets}. Afterwards the Secret's {@code
 * .dockerconfigjson} holds the new credential only: entries for other registries in the same Secret
 * are not carried over, so keep one registry per rotated Secret.
 *
 * <p>Instances are immutable; {@link #run()} may be called again (that is how a crashed rotation is
 * finished). Not meant to run twice at the same time for the same Secret.
 */
public final class Rotation {

  /** The id of the token a pull Secret carries. */
  public static final String TOKEN_ID = TokenAnnotations.TOKEN_ID;

  /** When the token a pull Secret carries was issued, as an ISO-8601 instant. */
  public static final String TOKEN_ISSUED_AT = TokenAnnotations.TOKEN_ISSUED_AT;

  /** When the token a pull Secret carries expires, as an ISO-8601 instant. */
  public static final String TOKEN_EXPIRES_AT = TokenAnnotations.TOKEN_EXPIRES_AT;

  /** The step an unfinished rotation has reached in this Secret. */
  public static final String ROTATION_STEP = TokenAnnotations.ROTATION_STEP;

  /** The comma-separated ids of the tokens an unfinished rotation will revoke. */
  public static final String ROTATION_REPLACES = TokenAnnotations.ROTATION_REPLACES;

  /** When every Secret carried the new token; the grace period counts from here. */
  public static final String ROTATION_SWITCHED_AT = TokenAnnotations.ROTATION_SWITCHED_AT;

  /** The names of the Secrets a {@link RotationStrategy#NEW_SECRET} rotation replaces. */
  public static final String ROTATION_REPLACES_SECRETS = TokenAnnotations.ROTATION_REPLACES_SECRETS;

  /** The name of a token being issued, until a Secret stores it; left behind by a crash. */
  public static final String ROTATION_ISSUING = TokenAnnotations.ROTATION_ISSUING;

  /** The label that groups the Secrets rotated to new names from one base name. */
  public static final String ROTATION_OF = TokenAnnotations.ROTATION_OF;

  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.k8s.rotation");
  private static final List<ResourceKind> ROLLOUT_KINDS =
      List.of(ResourceKind.DEPLOYMENT, ResourceKind.STATEFUL_SET, ResourceKind.DAEMON_SET);
  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final KubeClient kube;
  private final CredentialIssuer issuer;
  private final String registry;
  private final String secretName;
  private final List<String> namespaces;
  private final String namespaceSelector;
  private final List<Reference> references;
  private final List<String> images;
  private final Duration lifetime;
  private final Duration grace;
  private final RotationPolicy policy;
  private final boolean force;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RegistryAccess access;
  private final Consumer<RotationEvent> listener;
  private final RotationStrategy strategy;
  private final Duration rolloutTimeout;

  private Rotation(Builder builder) {
    this.kube = builder.kube;
    this.issuer = builder.issuer;
    this.registry = builder.registry;
    this.secretName = builder.secretName;
    this.namespaces = List.copyOf(builder.namespaces);
    this.namespaceSelector = builder.namespaceSelector;
    this.references = List.copyOf(builder.references);
    this.images = List.copyOf(builder.images);
    this.lifetime = builder.lifetime;
    this.grace = builder.grace;
    this.policy = builder.policy;
    this.force = builder.force;
    this.clock = builder.clock == null ? kube.clock() : builder.clock;
    this.sleeper = builder.sleeper == null ? kube.sleeper() : builder.sleeper;
    this.access = builder.access == null ? RegistryAccess.builder().build() : builder.access;
    this.listener = builder.listener;
    this.strategy = builder.strategy;
    this.rolloutTimeout = builder.rolloutTimeout;
  }

  /**
   * Starts a rotation.
   *
   * @param kube the cluster holding the Secrets
   * @param issuer the provider that issues and revokes tokens
   * @return a builder
   */
  public static Builder builder(KubeClient kube, CredentialIssuer issuer) {
    return new Builder(
        Objects.requireNonNull(kube, "kube"), Objects.requireNonNull(issuer, "issuer"));
  }

  /**
   * Rotates when the policy says the current token is due (or a Secret is missing, or the Secrets
   * disagree), or finishes a rotation an earlier run left unfinished.
   *
   * @return what happened
   * @throws RotationException if the new token cannot pull (it is then revoked and nothing in the
   *     cluster changed), if the Secrets show two different rotations, or if a replaced token is
   *     still carried by a Secret
   * @throws KubeApiException if the cluster refuses a read or write; run again to finish
   * @throws RuntimeException what the issuer throws when it refuses or cannot be reached
   */
  public RotationResult run() {
    List<String> targets = targetNamespaces();
    Map<String, List<KubeObject>> family = readFamily(targets);
    Optional<PendingSecret> pending = pending(family);
    if (pending.isPresent()) {
      LOGGER.log(Level.DEBUG, () -> "resuming rotation of " + secretName + ": " + pending.get());
      return finish(targets, pending.get().name(), pending.get().token(), true);
    }
    revokeLostTokens(family);
    Map<String, Optional<KubeObject>> current = current(family);
    current.values().forEach(secret -> secret.ifPresent(Rotation::requireOneRegistry));
    CurrentTokens tokens = CurrentTokens.of(current.values(), policy);
    Instant now = clock.instant();
    if (!force && tokens.consistent() && tokens.dueAt().map(now::isBefore).orElse(false)) {
      return new RotationResult(
          RotationOutcome.NOT_DUE,
          tokens.tokenIds().stream().findFirst(),
          tokens.expiresAt(),
          tokens.dueAt(),
          List.of(),
          targets,
          false);
    }
    List<String> candidates = verificationImages();
    String name = secretName + "-" + NAME_TIME.format(now);
    Optional<KubeObject> marked = markIssuing(current, name);
    PendingToken token = issueAndVerify(name, now, tokens.tokenIds(), candidates, marked);
    if (strategy == RotationStrategy.IN_PLACE) {
      return finish(targets, secretName, token, false);
    }
    List<String> oldNames =
        current.values().stream()
            .flatMap(Optional::stream)
            .map(KubeObject::name)
            .distinct()
            .toList();
    return finish(targets, name, token.withReplacedSecrets(oldNames), false);
  }

  /**
   * Refuses a Secret that holds entries for several registries: a rotation writes a document with
   * the new credential only, which would drop the others.
   */
  private static void requireOneRegistry(KubeObject secret) {
    String encoded = secret.text("/data/" + PullSecret.DATA_KEY.replace("/", "~1")).orElse("");
    if (encoded.isEmpty()) {
      return;
    }
    DockerConfig config = DockerConfig.parse(Base64.getDecoder().decode(encoded));
    if (config.entries().size() > 1) {
      throw new RotationException(
          "Secret "
              + secret.namespace()
              + "/"
              + secret.name()
              + " holds credentials for "
              + config.entries().size()
              + " registries "
              + config.entries().stream().map(Entry::key).toList()
              + "; rotating it would drop all but the new one: keep one registry per pull Secret");
    }
  }

  /** Returns the Secret, registry and settings; never a credential. */
  @Override
  public String toString() {
    return "Rotation{secret="
        + secretName
        + ", registry="
        + registry
        + ", namespaces="
        + (namespaceSelector == null ? namespaces : "selector " + namespaceSelector)
        + ", lifetime="
        + lifetime
        + ", grace="
        + grace
        + ", "
        + policy
        + ", "
        + strategy
        + "}";
  }

  private RotationResult finish(
      List<String> targets, String name, PendingToken token, boolean resumed) {
    if (resumed) {
      storeAll(targets, name, token);
    } else {
      storeFirstTime(targets, name, token);
    }
    if (strategy == RotationStrategy.IN_PLACE) {
      attachReferences(name);
    } else {
      moveReferences(targets, name, token.replacedSecrets());
    }
    Instant switchedAt = token.switchedAt().orElseGet(clock::instant);
    targets.forEach(ns -> updateSecret(ns, name, json -> SecretEdits.switched(json, switchedAt)));
    report(RotationStep.SWITCHED, token, null);
    removeOldSecrets(targets, token.replacedSecrets());
    awaitGrace(switchedAt);
    report(RotationStep.GRACE_ELAPSED, token, null);
    List<String> revoked = revokeReplaced(targets, token);
    report(RotationStep.REVOKED, token, null);
    targets.forEach(ns -> updateSecret(ns, name, SecretEdits::completed));
    report(RotationStep.COMPLETED, token, null);
    return new RotationResult(
        RotationOutcome.COMPLETED,
        Optional.of(token.tokenId()),
        Optional.of(token.expiresAt()),
        Optional.of(policy.dueAt(token.issuedAt(), token.expiresAt())),
        revoked,
        targets,
        resumed);
  }

  /**
   * Marks one existing Secret with the name of the token about to be issued, so that a run killed
   * before any Secret stores the token leaves a trace a later run can follow.
   */
  private Optional<KubeObject> markIssuing(
      Map<String, Optional<KubeObject>> current, String tokenName) {
    Optional<KubeObject> first = current.values().stream().flatMap(Optional::stream).findFirst();
    first.ifPresent(
        secret ->
            updateSecret(
                secret.namespace(), secret.name(), json -> SecretEdits.issuing(json, tokenName)));
    return first;
  }

  /** Removes the mark once the token it names is revoked; a failure here only costs a lookup. */
  private void unmarkAfterFailure(Optional<KubeObject> marked, RuntimeException failure) {
    try {
      marked.ifPresent(
          secret -> updateSecret(secret.namespace(), secret.name(), SecretEdits::withoutIssuing));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Revokes the tokens that an earlier run issued and was killed before storing, found by the name
   * its mark left on a Secret, then removes the mark. A token some Secret carries is kept.
   */
  private void revokeLostTokens(Map<String, List<KubeObject>> family) {
    List<KubeObject> secrets = family.values().stream().flatMap(List::stream).toList();
    for (KubeObject marked : secrets) {
      Optional<String> tokenName = TokenAnnotations.issuing(marked.view());
      if (tokenName.isPresent()) {
        revokeNamed(tokenName.get(), secrets);
        updateSecret(marked.namespace(), marked.name(), SecretEdits::withoutIssuing);
      }
    }
  }

  private void revokeNamed(String tokenName, List<KubeObject> secrets) {
    List<String> ids;
    try {
      ids = issuer.idsNamed(registry, tokenName);
    } catch (UnsupportedOperationException e) {
      LOGGER.log(
          Level.WARNING,
          "an earlier rotation stopped after asking for token "
              + tokenName
              + " and before storing it; this issuer cannot find tokens by name: revoke it by hand"
              + " if it exists");
      return;
    }
    for (String id : ids) {
      if (secrets.stream().noneMatch(secret -> carries(secret, id))) {
        issuer.revoke(registry, id);
        LOGGER.log(
            Level.INFO,
            () -> "revoked token " + id + " (" + tokenName + "), lost by a rotation that stopped");
      }
    }
  }

  private PendingToken issueAndVerify(
      String name,
      Instant issuedAt,
      List<String> replaces,
      List<String> candidates,
      Optional<KubeObject> marked) {
    IssuedCredential issued = issuer.issue(CredentialRequest.pullOnly(registry, name, lifetime));
    PendingToken token =
        new PendingToken(
            issued.id(),
            issuedAt,
            issued.expiresAt(),
            replaces,
            Base64.getEncoder().encodeToString(DockerConfig.of(issued.credential()).toJsonBytes()),
            Optional.empty(),
            List.of());
    try {
      report(RotationStep.ISSUED, token, null);
      verify(issued, candidates);
      report(RotationStep.VERIFIED, token, null);
      return token;
    } catch (RuntimeException e) {
      revokeAfterFailure(issued.id(), e);
      unmarkAfterFailure(marked, e);
      throw e;
    }
  }

  private void verify(IssuedCredential issued, List<String> candidates) {
    RegistryCredential credential = issued.credential();
    String host = host(credential.server());
    List<String> own =
        candidates.stream()
            .filter(image -> ImageReference.parse(image).registry().equals(host))
            .distinct()
            .toList();
    if (own.isEmpty()) {
      throw new RotationException(
          "no image of "
              + host
              + " to verify the new token with; name one with image(...) or require a workload"
              + " that uses one");
    }
    for (String image : own) {
      AccessResult result = access.forCredential(credential).canPull(image);
      if (!result.ok()) {
        throw new RotationException(
            "the new token " + issued.id() + " cannot pull " + image + "; it was revoked", result);
      }
    }
  }

  private void storeFirstTime(List<String> targets, String name, PendingToken token) {
    try {
      storeAll(targets, name, token);
    } catch (RuntimeException e) {
      if (!storedAnywhere(targets, token.tokenId())) {
        revokeAfterFailure(token.tokenId(), e);
      }
      throw e;
    }
  }

  private void storeAll(List<String> targets, String name, PendingToken token) {
    Resources secrets = kube.resources(ResourceKind.SECRET);
    Optional<String> family =
        strategy == RotationStrategy.NEW_SECRET ? Optional.of(secretName) : Optional.empty();
    for (String namespace : targets) {
      Optional<KubeObject> existing = secrets.find(namespace, name);
      if (existing.isEmpty()) {
        String json = SecretEdits.created(namespace, name, token, family);
        secrets.create(namespace, json, WriteOptions.defaults());
      } else {
        requirePullSecret(existing.get());
        updateSecret(namespace, name, json -> storedOrConflict(json, token));
      }
      report(RotationStep.STORED, token, namespace);
    }
  }

  private String storedOrConflict(String json, PendingToken token) {
    try {
      return SecretEdits.stored(json, token);
    } catch (IllegalStateException e) {
      throw new RotationException("Secret " + secretName + ": " + e.getMessage());
    }
  }

  private boolean storedAnywhere(List<String> targets, String tokenId) {
    try {
      return readFamily(targets).values().stream()
          .flatMap(List::stream)
          .anyMatch(secret -> carries(secret, tokenId));
    } catch (KubernetesException e) {
      LOGGER.log(
          Level.WARNING,
          "cannot tell whether token " + tokenId + " reached a Secret; it is kept: " + e);
      return true;
    }
  }

  private void attachReferences(String name) {
    for (Reference reference : references) {
      attach(workload(reference), name);
    }
  }

  private void moveReferences(List<String> targets, String name, List<String> oldNames) {
    Map<String, Workload> moved = new LinkedHashMap<>();
    references.forEach(reference -> moved.put(reference.toString(), workload(reference)));
    List<String> names = new ArrayList<>(oldNames);
    names.add(name);
    for (String namespace : targets) {
      referencing(namespace, names).forEach(w -> moved.putIfAbsent(w.toString(), w));
    }
    moved.values().forEach(workload -> attach(workload, name));
    moved.values().stream()
        .filter(workload -> ROLLOUT_KINDS.contains(workload.kind()))
        .forEach(workload -> awaitRollout(workload, name));
  }

  /**
   * Waits for a workload that references the new Secret, whether this run attached it or a crashed
   * run did: the old Secret goes only once the pods run with the new one. A finished rollout costs
   * one read.
   */
  private void awaitRollout(Workload workload, String name) {
    RolloutResult rollout = workload.waitForRollout(rolloutTimeout);
    if (!rollout.complete()) {
      throw new RotationException(
          workload
              + " did not roll out with "
              + name
              + ": "
              + rollout.message()
              + "; run the rotation again once it has");
    }
  }

  private void removeOldSecrets(List<String> targets, List<String> oldNames) {
    Resources secrets = kube.resources(ResourceKind.SECRET);
    for (String namespace : targets) {
      for (Workload workload : referencing(namespace, oldNames)) {
        List<String> listed = workload.pullSecrets();
        oldNames.stream().filter(listed::contains).forEach(workload::detachPullSecret);
      }
      for (String old : oldNames) {
        if (secrets.find(namespace, old).isPresent()) {
          secrets.delete(namespace, old, WriteOptions.defaults());
        }
      }
    }
  }

  private List<Workload> referencing(String namespace, List<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    Workloads workloads = kube.workloads(namespace);
    List<Workload> all = new ArrayList<>(workloads.all().members());
    kube.resources(ResourceKind.SERVICE_ACCOUNT)
        .list(namespace, ListOptions.all())
        .forEach(account -> all.add(workloads.serviceAccount(account.name())));
    return all.stream()
        .filter(workload -> workload.pullSecrets().stream().anyMatch(names::contains))
        .toList();
  }

  private Workload workload(Reference reference) {
    return kube.workloads(reference.namespace()).workload(reference.kind(), reference.name());
  }

  private PullSecretAttachment attach(Workload workload, String name) {
    PullSecretAttachment attachment = workload.attachPullSecret(name);
    if (attachment.change() == AttachmentChange.FAILED) {
      throw new RotationException(
          "cannot attach "
              + name
              + " to "
              + workload
              + ": "
              + attachment.reason().orElse("unknown reason"));
    }
    return attachment;
  }

  private void awaitGrace(Instant switchedAt) {
    Duration remaining = Duration.between(clock.instant(), switchedAt.plus(grace));
    if (remaining.isNegative() || remaining.isZero()) {
      return;
    }
    try {
      sleeper.sleep(remaining);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RotationException(
          "interrupted during the grace period; run the rotation again to finish it");
    }
  }

  private List<String> revokeReplaced(List<String> targets, PendingToken token) {
    Map<String, List<KubeObject>> secrets = readFamily(targets);
    for (String replaced : token.replaces()) {
      secrets.values().stream()
          .flatMap(List::stream)
          .filter(secret -> carries(secret, replaced))
          .findFirst()
          .ifPresent(
              secret -> {
                throw new RotationException(
                    "token "
                        + replaced
                        + " is still in Secret "
                        + secret.namespace()
                        + "/"
                        + secret.name()
                        + "; it was not revoked");
              });
    }
    token.replaces().forEach(id -> issuer.revoke(registry, id));
    return token.replaces();
  }

  private void revokeAfterFailure(String tokenId, RuntimeException failure) {
    try {
      issuer.revoke(registry, tokenId);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      LOGGER.log(Level.WARNING, "token " + tokenId + " was not stored and cannot be revoked: " + e);
    }
  }

  private void updateSecret(String namespace, String name, UnaryOperator<String> change) {
    kube.resources(ResourceKind.SECRET).update(namespace, name, change, WriteOptions.defaults());
  }

  private void requirePullSecret(KubeObject secret) {
    String type = secret.text("/type").orElse("");
    if (!type.equals(PullSecret.TYPE)) {
      throw new RotationException(
          "Secret "
              + secret.namespace()
              + "/"
              + secret.name()
              + " has type "
              + type
              + ", not "
              + PullSecret.TYPE);
    }
  }

  private void report(RotationStep step, PendingToken token, String namespace) {
    LOGGER.log(
        Level.DEBUG, () -> "rotation of " + secretName + ": " + step + " " + token.tokenId());
    listener.accept(new RotationEvent(step, token.tokenId(), Optional.ofNullable(namespace)));
  }

  private List<String> targetNamespaces() {
    List<String> targets = namespaces;
    if (namespaceSelector != null) {
      ListOptions options = ListOptions.all().withLabelSelector(namespaceSelector);
      targets =
          kube.resources(ResourceKind.NAMESPACE).list("", options).stream()
              .map(KubeObject::name)
              .toList();
    }
    for (Reference reference : references) {
      if (!targets.contains(reference.namespace())) {
        throw new RotationException(
            reference + " must reference " + secretName + ", but its namespace is not rotated");
      }
    }
    return targets;
  }

  private Map<String, List<KubeObject>> readFamily(List<String> targets) {
    Map<String, List<KubeObject>> family = new LinkedHashMap<>();
    Resources resources = kube.resources(ResourceKind.SECRET);
    ListOptions labelled =
        ListOptions.all().withLabelSelector(TokenAnnotations.ROTATION_OF + "=" + secretName);
    for (String namespace : targets) {
      Map<String, KubeObject> members = new LinkedHashMap<>();
      resources.find(namespace, secretName).ifPresent(s -> members.put(s.name(), s));
      if (strategy == RotationStrategy.NEW_SECRET) {
        resources.list(namespace, labelled).forEach(s -> members.putIfAbsent(s.name(), s));
      }
      family.put(namespace, List.copyOf(members.values()));
    }
    return family;
  }

  private static Map<String, Optional<KubeObject>> current(Map<String, List<KubeObject>> family) {
    Map<String, Optional<KubeObject>> current = new LinkedHashMap<>();
    family.forEach(
        (namespace, members) ->
            current.put(
                namespace, members.size() == 1 ? Optional.of(members.get(0)) : Optional.empty()));
    return current;
  }

  private static Optional<PendingSecret> pending(Map<String, List<KubeObject>> family) {
    List<PendingSecret> found = new ArrayList<>();
    family.values().stream()
        .flatMap(List::stream)
        .forEach(
            secret ->
                SecretEdits.pending(secret.view())
                    .ifPresent(token -> found.add(new PendingSecret(secret.name(), token))));
    List<String> ids = found.stream().map(p -> p.token().tokenId()).distinct().toList();
    if (ids.size() > 1) {
      throw new RotationException(
          "the Secrets show unfinished rotations to different tokens: "
              + ids
              + "; finish or undo one by hand");
    }
    Optional<Instant> switchedAt =
        found.stream().flatMap(p -> p.token().switchedAt().stream()).min(Comparator.naturalOrder());
    return found.stream()
        .findFirst()
        .map(p -> new PendingSecret(p.name(), p.token().withSwitchedAt(switchedAt)));
  }

  private List<String> verificationImages() {
    List<String> found = new ArrayList<>(images);
    for (Reference reference : references) {
      KubeObject object =
          kube.resources(reference.kind()).get(reference.namespace(), reference.name());
      found.addAll(PodImages.of(object));
    }
    return found;
  }

  private static boolean carries(KubeObject secret, String tokenId) {
    return TokenAnnotations.of(secret.view()).tokenId().equals(Optional.of(tokenId));
  }

  private static String host(String server) {
    String rest = server.replaceFirst("^https?://", "");
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** The Secret name an unfinished rotation writes, and its token. */
  private record PendingSecret(String name, PendingToken token) {}

  /** A workload or ServiceAccount that must reference the Secret. */
  private record Reference(String namespace, ResourceKind kind, String name) {
    @Override
    public String toString() {
      return kind.kind() + " " + namespace + "/" + name;
    }
  }

  /** The tokens the Secrets carry when no rotation is in progress. */
  private record CurrentTokens(
      List<String> tokenIds,
      boolean consistent,
      Optional<Instant> expiresAt,
      Optional<Instant> dueAt) {

    static CurrentTokens of(
        java.util.Collection<Optional<KubeObject>> secrets, RotationPolicy policy) {
      List<TokenAnnotations> states =
          secrets.stream()
              .flatMap(Optional::stream)
              .map(s -> TokenAnnotations.of(s.view()))
              .toList();
      List<String> ids =
          states.stream().flatMap(state -> state.tokenId().stream()).distinct().toList();
      boolean complete =
          states.size() == secrets.size()
              && states.stream()
                  .allMatch(
                      s ->
                          s.tokenId().isPresent()
                              && s.issuedAt().isPresent()
                              && s.expiresAt().isPresent());
      Optional<Instant> expiresAt =
          states.stream().flatMap(s -> s.expiresAt().stream()).min(Comparator.naturalOrder());
      Optional<Instant> dueAt =
          states.stream()
              .filter(s -> s.issuedAt().isPresent() && s.expiresAt().isPresent())
              .map(s -> policy.dueAt(s.issuedAt().get(), s.expiresAt().get()))
              .min(Comparator.naturalOrder());
      return new CurrentTokens(ids, complete && ids.size() == 1, expiresAt, dueAt);
    }
  }

  /** Collects the settings of a {@link Rotation}. Not thread-safe. */
  public static final class Builder {
    private final KubeClient kube;
    private final CredentialIssuer issuer;
    private String registry;
    private String secretName;
    private List<String> namespaces = List.of();
    private String namespaceSelector;
    private final List<Reference> references = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private Duration lifetime = Duration.ofDays(90);
    private Duration grace = Duration.ofMinutes(10);
    private RotationPolicy policy = RotationPolicy.atFractionOfLifetime(2, 3);
    private boolean force;
    private Clock clock;
    private Sleeper sleeper;
    private RegistryAccess access;
    private Consumer<RotationEvent> listener = event -> {};
    private RotationStrategy strategy = RotationStrategy.IN_PLACE;
    private Duration rolloutTimeout = Duration.ofMinutes(10);

    private Builder(KubeClient kube, CredentialIssuer issuer) {
      this.kube = kube;
      this.issuer = issuer;
    }

    /**
     * Sets the registry, as the issuer knows it (for IONOS, the registry id).
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder registry(String registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Sets the name of the pull Secret to rotate, the same in every namespace.
     *
     * @param secretName the Secret name
     * @return this builder
     * @throws InvalidNameException when the API server would reject the name
     */
    public Builder secretName(String secretName) {
      NameRules.requireObjectName("Secret", Objects.requireNonNull(secretName, "secretName"));
      this.secretName = secretName;
      return this;
    }

    /**
     * Sets the namespaces whose Secret is rotated; a missing Secret is created.
     *
     * @param namespaces the namespaces
     * @return this builder
     */
    public Builder namespaces(String... namespaces) {
      return namespaces(List.of(namespaces));
    }

    /**
     * Sets the namespaces whose Secret is rotated; a missing Secret is created.
     *
     * @param namespaces the namespaces
     * @return this builder
     */
    public Builder namespaces(List<String> namespaces) {
      this.namespaces = List.copyOf(namespaces);
      this.namespaceSelector = null;
      return this;
    }

    /**
     * Rotates in the namespaces whose labels match a selector, listed at each run.
     *
     * @param labelSelector a label selector such as {@code team=shop}
     * @return this builder
     */
    public Builder namespacesMatching(String labelSelector) {
      this.namespaceSelector = Objects.requireNonNull(labelSelector, "labelSelector");
      this.namespaces = List.of();
      return this;
    }

    /**
     * Adds a workload or ServiceAccount that must reference the Secret; it is attached if it does
     * not, and the images of a workload are candidates for the pull check.
     *
     * @param namespace the namespace, one of the rotated ones
     * @param kind the kind, a workload kind or {@link ResourceKind#SERVICE_ACCOUNT}
     * @param name the object name
     * @return this builder
     */
    public Builder requireReference(String namespace, ResourceKind kind, String name) {
      references.add(
          new Reference(
              Objects.requireNonNull(namespace, "namespace"),
              Objects.requireNonNull(kind, "kind"),
              Objects.requireNonNull(name, "name")));
      return this;
    }

    /**
     * Adds an image the new token must be able to pull before it is stored.
     *
     * @param image an image reference on the token's registry
     * @return this builder
     * @throws io.github.pullsecrets.auth.InvalidImageReferenceException if it does not parse
     */
    public Builder image(String image) {
      ImageReference.parse(Objects.requireNonNull(image, "image"));
      images.add(image);
      return this;
    }

    /**
     * Sets how long a new token is valid; 90 days by default.
     *
     * @param lifetime a positive duration
     * @return this builder
     */
    public Builder lifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
      }
      this.lifetime = lifetime;
      return this;
    }

    /**
     * Sets how long to wait after the switch before the old token is revoked, so that nodes caching
     * the old Secret finish their pulls; 10 minutes by default.
     *
     * @param grace zero or positive
     * @return this builder
     */
    public Builder grace(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("grace must not be negative: " + grace);
      }
      this.grace = grace;
      return this;
    }

    /**
     * Sets when the current token is due; two thirds of its lifetime by default.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(RotationPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets whether to rotate even when the policy says the token is not due.
     *
     * @param force whether to rotate now
     * @return this builder
     */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /**
     * Sets the clock for the policy and the grace period; the client's clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets what waits the grace period; the client's sleeper by default.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the registry client for the pull check (TLS, timeouts); defaults otherwise.
     *
     * @param access the registry access
     * @return this builder
     */
    public Builder registryAccess(RegistryAccess access) {
      this.access = Objects.requireNonNull(access, "access");
      return this;
    }

    /**
     * Sets what is told after each step; an exception it throws stops the rotation as a crash
     * would, and a later run finishes it.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(Consumer<RotationEvent> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how the new token reaches the pods; {@link RotationStrategy#IN_PLACE} by default.
     *
     * @param strategy the strategy
     * @return this builder
     */
    public Builder strategy(RotationStrategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /**
     * Sets how long {@link RotationStrategy#NEW_SECRET} waits for each rollout; 10 minutes by
     * default.
     *
     * @param rolloutTimeout a positive duration
     * @return this builder
     */
    public Builder rolloutTimeout(Duration rolloutTimeout) {
      Objects.requireNonNull(rolloutTimeout, "rolloutTimeout");
      if (rolloutTimeout.isNegative() || rolloutTimeout.isZero()) {
        throw new IllegalArgumentException("rolloutTimeout must be positive: " + rolloutTimeout);
      }
      this.rolloutTimeout = rolloutTimeout;
      return this;
    }

    /**
     * Builds the rotation.
     *
     * @return the rotation
     * @throws IllegalStateException if the registry, the Secret name or the namespaces are missing
     */
    public Rotation build() {
      if (registry == null || secretName == null) {
        throw new IllegalStateException("registry and secretName must be set");
      }
      if (namespaceSelector == null && namespaces.isEmpty()) {
        throw new IllegalStateException("namespaces or namespacesMatching must be set");
      }
      return new Rotation(this);
    }
  }
}
