package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.k8s.internal.kube.ApiTransport;
import io.github.pullsecrets.k8s.internal.kube.SecretComparison;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Applies (or plans) one pull Secret in many namespaces, with bounded concurrency, a progress
 * callback and a per-namespace {@link SecretReport}.
 *
 * <p>In each namespace the Secret is read first: with 20 or more namespaces, all at once by one
 * cluster-wide list by name (paged, 500 per page), otherwise (or when that list is forbidden) with
 * one GET per namespace. So over many namespaces a Secret that changes costs one request and one
 * that is already right costs none. Absent: it is created by server-side apply with the label
 * {@code app.kubernetes.io/managed-by: pullsecrets}; if another manager created it meanwhile, the
 * apply conflicts and the result is {@link SecretChange#CONFLICT}. Present with the same type,
 * data, labels and annotations: nothing is written ({@link SecretChange#UNCHANGED}). Present
 * without our label: left alone ({@link SecretChange#CONFLICT}) unless {@link
 * #overwriteForeign(boolean)}. Otherwise it is updated by server-side apply; when another field
 * manager has changed one of our fields since (a 409 with {@code FieldManagerConflict} causes), the
 * apply is repeated with {@code force}, since the label says pullsecrets owns the Secret.
 *
 * <p>With {@link #attachToServiceAccount(String)}, the Secret is then also added to that
 * ServiceAccount's {@code imagePullSecrets} in each namespace where it is in place, read ahead the
 * same way, by a JSON patch guarded by the resourceVersion read (see {@link Workload}).
 *
 * <p>Instances are immutable; each setter returns a changed copy. The progress callback is called
 * from worker threads, one namespace at a time.
 */
public final class PullSecretApply {

  private final KubeClient kube;
  private final PullSecret secret;
  private final boolean plan;
  private final int concurrency;
  private final Consumer<SecretResult> progress;
  private final boolean overwriteForeign;
  private final boolean dryRun;
  private final String serviceAccount;

  PullSecretApply(KubeClient kube, PullSecret secret, boolean plan) {
    this(kube, secret, plan, 4, result -> {}, false, false, "");
  }

  private PullSecretApply(
      KubeClient kube,
      PullSecret secret,
      boolean plan,
      int concurrency,
      Consumer<SecretResult> progress,
      boolean overwriteForeign,
      boolean dryRun,
      String serviceAccount) {
    this.kube = kube;
    this.secret = secret;
    this.plan = plan;
    this.concurrency = concurrency;
    this.progress = progress;
    this.overwriteForeign = overwriteForeign;
    this.dryRun = dryRun;
    this.serviceAccount = serviceAccount;
  }

  /**
   * Sets how many namespaces are handled at the same time; the default is 4.
   *
   * @param concurrency at least 1
   * @return the changed operation
   */
  public PullSecretApply concurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    return new PullSecretApply(
        kube, secret, plan, concurrency, progress, overwriteForeign, dryRun, serviceAccount);
  }

  /**
   * Sets what is told about each namespace as soon as it is done.
   *
   * @param progress the callback; it must not throw
   * @return the changed operation
   */
  public PullSecretApply progress(Consumer<SecretResult> progress) {
    Objects.requireNonNull(progress, "progress");
    return new PullSecretApply(
        kube, secret, plan, concurrency, progress, overwriteForeign, dryRun, serviceAccount);
  }

  /**
   * Sets whether a Secret of the same name that pullsecrets did not create is overwritten (and
   * labelled as ours); off by default.
   *
   * @param overwriteForeign whether to take over foreign Secrets
   * @return the changed operation
   */
  public PullSecretApply overwriteForeign(boolean overwriteForeign) {
    return new PullSecretApply(
        kube, secret, plan, concurrency, progress, overwriteForeign, dryRun, serviceAccount);
  }

  /**
   * Sets whether writes are sent with {@code dryRun=All}: the server validates and admits them but
   * stores nothing.
   *
   * @param dryRun whether to dry-run the writes
   * @return the changed operation
   */
  public PullSecretApply dryRun(boolean dryRun) {
    return new PullSecretApply(
        kube, secret, plan, concurrency, progress, overwriteForeign, dryRun, serviceAccount);
  }

  /**
   * Sets a ServiceAccount, such as {@code default}, whose {@code imagePullSecrets} gets the Secret
   * in each namespace where the Secret is in place (created, updated or unchanged); the outcome is
   * {@link SecretResult#serviceAccount()}. In a plan nothing is written: the outcome says whether
   * it would be attached.
   *
   * @param name the ServiceAccount's name
   * @return the changed operation
   */
  public PullSecretApply attachToServiceAccount(String name) {
    if (Objects.requireNonNull(name, "name").isEmpty()) {
      throw new IllegalArgumentException("the ServiceAccount name is empty");
    }
    return new PullSecretApply(
        kube, secret, plan, concurrency, progress, overwriteForeign, dryRun, name);
  }

  /**
   * Runs in the given namespaces.
   *
   * @param namespaces the namespaces
   * @return the report, in the given order
   */
  public SecretReport toNamespaces(String... namespaces) {
    return toNamespaces(List.of(namespaces));
  }

  /**
   * Runs in the given namespaces.
   *
   * @param namespaces the namespaces
   * @return the report, in the given order
   */
  public SecretReport toNamespaces(Collection<String> namespaces) {
    return run(List.copyOf(namespaces));
  }

  /**
   * Runs in the namespaces whose labels match a selector.
   *
   * @param labelSelector a label selector such as {@code team=shop}
   * @return the report, in list order
   * @throws KubeApiException if the namespaces cannot be listed; then nothing was applied
   */
  public SecretReport toNamespacesMatching(String labelSelector) {
    return run(namespaces(ListOptions.all().withLabelSelector(labelSelector)));
  }

  /**
   * Runs in every namespace.
   *
   * @return the report, in list order
   * @throws KubeApiException if the namespaces cannot be listed; then nothing was applied
   */
  public SecretReport toAllNamespaces() {
    return run(namespaces(ListOptions.all()));
  }

  /** Returns the Secret name and the settings. */
  @Override
  public String toString() {
    return "PullSecretApply{"
        + secret.name()
        + ", plan="
        + plan
        + ", concurrency="
        + concurrency
        + ", overwriteForeign="
        + overwriteForeign
        + ", dryRun="
        + dryRun
        + (serviceAccount.isEmpty() ? "" : ", serviceAccount=" + serviceAccount)
        + "}";
  }

  private List<String> namespaces(ListOptions options) {
    return kube.resources(ResourceKind.NAMESPACE).listNames("", options);
  }

  private SecretReport run(List<String> namespaces) {
    ExecutorService workers =
        Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, namespaces.size())));
    try {
      NamedObjects secrets =
          NamedObjects.read(kube.resources(ResourceKind.SECRET), secret.name(), namespaces);
      NamedObjects accounts =
          serviceAccount.isEmpty()
              ? null
              : NamedObjects.read(
                  kube.resources(ResourceKind.SERVICE_ACCOUNT), serviceAccount, namespaces);
      List<Future<SecretResult>> futures = new ArrayList<>();
      for (String namespace : namespaces) {
        futures.add(
            workers.submit(() -> report(attach(inNamespace(namespace, secrets), accounts))));
      }
      return new SecretReport(secret.name(), plan, collect(namespaces, futures));
    } finally {
      workers.shutdownNow();
    }
  }

  private synchronized SecretResult report(SecretResult result) {
    progress.accept(result);
    return result;
  }

  private static List<SecretResult> collect(
      List<String> namespaces, List<Future<SecretResult>> futures) {
    List<SecretResult> results = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      results.add(await(namespaces.get(i), futures.get(i)));
    }
    return results;
  }

  private static SecretResult await(String namespace, Future<SecretResult> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      return failed(namespace, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return failed(namespace, e);
    }
  }

  private SecretResult inNamespace(String namespace, NamedObjects secrets) {
    try {
      ObjectNode desired = desired(namespace);
      Optional<KubeObject> existing = secrets.find(namespace);
      if (existing.isEmpty()) {
        return write(namespace, desired, SecretChange.CREATE, SecretComparison.creation(desired));
      }
      return update(namespace, existing.get(), desired);
    } catch (KubernetesException e) {
      return failed(namespace, e);
    }
  }

  private SecretResult attach(SecretResult result, NamedObjects accounts) {
    if (accounts == null
        || result.change() == SecretChange.FAILED
        || result.change() == SecretChange.CONFLICT) {
      return result;
    }
    return result.withServiceAccount(attach(result.namespace(), accounts));
  }

  private PullSecretAttachment attach(String namespace, NamedObjects accounts) {
    Workload account = kube.workloads(namespace).serviceAccount(serviceAccount);
    try {
      Optional<KubeObject> known = accounts.find(namespace);
      if (known.isEmpty()) {
        return attachment(namespace, AttachmentChange.FAILED, "ServiceAccount not found");
      }
      if (plan) {
        boolean listed = account.lists(known.get(), secret.name());
        return attachment(
            namespace, listed ? AttachmentChange.UNCHANGED : AttachmentChange.ATTACHED, null);
      }
      WriteOptions options = WriteOptions.defaults().withDryRun(dryRun);
      return account.attachToServiceAccount(secret.name(), known.get(), options);
    } catch (KubernetesException e) {
      return attachment(namespace, AttachmentChange.FAILED, reason(e));
    }
  }

  private PullSecretAttachment attachment(
      String namespace, AttachmentChange change, String reason) {
    return new PullSecretAttachment(
        ResourceKind.SERVICE_ACCOUNT,
        namespace,
        serviceAccount,
        secret.name(),
        change,
        Optional.ofNullable(reason),
        Optional.empty());
  }

  private SecretResult update(String namespace, KubeObject existing, ObjectNode desired) {
    Optional<String> manager = SecretComparison.managedBy(existing.view());
    List<String> diff = SecretComparison.update(existing.view(), desired);
    if (!manager.equals(Optional.of(SecretComparison.MANAGER)) && !overwriteForeign) {
      String owner = manager.map(name -> "managed by " + name).orElse("not managed by pullsecrets");
      return new SecretResult(
          namespace,
          SecretChange.CONFLICT,
          Optional.of("Secret " + secret.name() + " exists and is " + owner),
          diff);
    }
    if (diff.isEmpty()) {
      return new SecretResult(namespace, SecretChange.UNCHANGED, Optional.empty(), diff);
    }
    return write(namespace, desired, SecretChange.UPDATE, diff);
  }

  private SecretResult write(
      String namespace, ObjectNode desired, SecretChange change, List<String> diff) {
    if (plan) {
      return new SecretResult(namespace, change, Optional.empty(), diff);
    }
    try {
      apply(namespace, desired.toString(), change != SecretChange.CREATE);
    } catch (KubeApiException e) {
      if (change != SecretChange.CREATE || !managerConflict(e)) {
        throw e;
      }
      String reason = "Secret " + secret.name() + " was created by another field manager meanwhile";
      return new SecretResult(namespace, SecretChange.CONFLICT, Optional.of(reason), diff);
    }
    return new SecretResult(namespace, change, Optional.empty(), diff);
  }

  /**
   * Applies without force; on a field manager conflict, takes our fields back with force if the
   * Secret was read as ours. A Secret read as absent (by a GET or the list ahead) that another
   * manager created in the meantime is never forced.
   */
  private void apply(String namespace, String manifest, boolean mayForce) {
    Resources secrets = kube.resources(ResourceKind.SECRET);
    WriteOptions options = WriteOptions.defaults().withDryRun(dryRun);
    try {
      secrets.apply(namespace, secret.name(), manifest, options);
    } catch (KubeApiException e) {
      if (!mayForce || !managerConflict(e)) {
        throw e;
      }
      secrets.apply(namespace, secret.name(), manifest, options.withForce(true));
    }
  }

  private static boolean managerConflict(KubeApiException e) {
    return e.conflict()
        && e.causes().stream().anyMatch(c -> c.reason().equals("FieldManagerConflict"));
  }

  private ObjectNode desired(String namespace) {
    ObjectNode root = ApiTransport.json().createObjectNode();
    root.put("apiVersion", "v1");
    root.put("kind", "Secret");
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", secret.name());
    metadata.put("namespace", namespace);
    ObjectNode labels = metadata.putObject("labels");
    secret.labels().forEach(labels::put);
    labels.put(SecretComparison.MANAGED_BY, SecretComparison.MANAGER);
    if (!secret.annotations().isEmpty()) {
      ObjectNode annotations = metadata.putObject("annotations");
      secret.annotations().forEach(annotations::put);
    }
    root.put("type", PullSecret.TYPE);
    root.putObject("data").put(secret.dataKey(), secret.encodedData());
    return root;
  }

  private static SecretResult failed(String namespace, Throwable failure) {
    Optional<String> reason = Optional.of(reason(failure));
    return new SecretResult(namespace, SecretChange.FAILED, reason, List.of());
  }

  private static String reason(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }
}
