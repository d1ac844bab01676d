package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.Sleeper;
import io.github.pullsecrets.k8s.internal.kube.ApiTransport;
import io.github.pullsecrets.k8s.internal.kube.EventStream;
import io.github.pullsecrets.k8s.internal.kube.SecretComparison;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Keeps a pull Secret present and attached in every namespace whose labels match a selector, for
 * programs that run inside the cluster. Two watches run side by side, each started from a list: one
 * of the selected namespaces, one of the ServiceAccounts the Secret must be attached to. A
 * namespace that appears gets the Secret (labelled {@value #SUPPLY_LABEL}) and its ServiceAccounts
 * reference it; a ServiceAccount created in a supplied namespace, or edited so that it lost the
 * reference, gets it back; a namespace that leaves the selection loses what the supply created
 * there and nothing else. Each event is acted on as soon as its line arrives. After a dropped
 * connection or an expired watch ({@code 410 Gone}) a watch lists again and reconciles, and the
 * namespaces are also listed again every {@link Builder#resyncInterval(Duration)}, as a safety net
 * for a missed event.
 *
 * <pre>{@code
 * PullSecretSupply supply =
 *     PullSecretSupply.builder(kube, secret).namespacesMatching("pullsecrets.io/pull=dcd").build();
 * Thread worker = new Thread(supply::run);
 * worker.start();
 * ...
 * supply.stop();   // run() returns once both watches have ended
 * }</pre>
 *
 * <p>ServiceAccounts are watched across the cluster, not namespace by namespace: one connection and
 * one resourceVersion whatever the number of namespaces, where a watch per namespace would open and
 * close connections as namespaces come and go. With one ServiceAccount name the watch carries the
 * field selector {@code metadata.name=<name>}, so only accounts of that name are sent; with several
 * (a field selector cannot say "one of") every ServiceAccount is sent and the others are ignored.
 * Events from namespaces that are not supplied are ignored. This needs {@code list} and {@code
 * watch} on serviceaccounts cluster-wide.
 *
 * <p>A Secret of the same name that the supply did not create is left alone, and so are the
 * ServiceAccounts in that namespace. A ServiceAccount that already referenced the Secret is not
 * detached on withdrawal: the names the supply attached are kept in the annotation {@value
 * #ATTACHED_ANNOTATION}, written before each attach and taken back when the attach found the
 * reference already there. Each watch request lasts {@link Builder#watchTimeout(Duration)}, which
 * should stay below the client's request timeout. Thread-safe: {@link #stop()} may be called from
 * any thread; {@link #run()} is meant to be called once.
 */
public final class PullSecretSupply {

  /** The label on Secrets the supply created; its value is the Secret name. */
  public static final String SUPPLY_LABEL = "pullsecrets.io/supply";

  /** The ServiceAccounts the supply attached the Secret to, comma-separated. */
  public static final String ATTACHED_ANNOTATION = "pullsecrets.io/attached-to";

  /** The name prefix of the thread that follows the ServiceAccounts while {@link #run()} runs. */
  public static final String THREAD_PREFIX = "pullsecrets-supply-";

  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.k8s.supply");

  private final KubeClient kube;
  private final PullSecret secret;
  private final String selector;
  private final List<String> serviceAccounts;
  private final Duration watchTimeout;
  private final Duration retryDelay;
  private final Duration resyncInterval;
  private final Sleeper sleeper;
  private final Consumer<SupplyEvent> listener;
  private final Object lock = new Object();
  private final Set<String> supplied = new HashSet<>();
  private final Feed namespaces;
  private final Feed accounts;
  private volatile boolean stopped;

  private PullSecretSupply(Builder builder) {
    this.kube = builder.kube;
    this.secret = builder.secret;
    this.selector = builder.selector;
    this.serviceAccounts = List.copyOf(builder.serviceAccounts);
    this.watchTimeout = builder.watchTimeout;
    this.retryDelay = builder.retryDelay;
    this.resyncInterval = builder.resyncInterval;
    this.sleeper = builder.sleeper == null ? kube.sleeper() : builder.sleeper;
    this.listener = builder.listener;
    this.namespaces =
        new Feed(
            ResourceKind.NAMESPACE,
            ListOptions.all().withLabelSelector(selector),
            true,
            this::resyncNamespaces,
            this::namespaceChanged);
    this.accounts =
        new Feed(
            ResourceKind.SERVICE_ACCOUNT,
            ListOptions.all().withFieldSelector(accountSelector()),
            false,
            items -> items.forEach(this::accountChanged),
            (type, account) -> accountChanged(account));
  }

  /**
   * Starts a supply of a pull Secret; its namespace, if set, is ignored.
   *
   * @param kube the cluster
   * @param secret the Secret to keep supplied
   * @return a builder
   */
  public static Builder builder(KubeClient kube, PullSecret secret) {
    return new Builder(
        Objects.requireNonNull(kube, "kube"), Objects.requireNonNull(secret, "secret"));
  }

  /**
   * Lists, supplies and watches until {@link #stop()} is called or the thread is interrupted. The
   * namespaces are followed on the calling thread, the ServiceAccounts on a thread named {@value
   * #THREAD_PREFIX}... that this method starts and waits for before it returns. Failures of the
   * cluster are reported as {@link SupplyAction#DISCONNECTED} and retried after the retry delay;
   * they never end the loop.
   */
  public void run() {
    Thread follower = null;
    if (!serviceAccounts.isEmpty()) {
      follower = new Thread(accounts::follow, THREAD_PREFIX + secret.name() + "-serviceaccounts");
      follower.setDaemon(true);
      follower.start();
    }
    try {
      namespaces.follow();
    } finally {
      stop();
      awaitEnd(follower);
    }
  }

  /**
   * Makes {@link #run()} return: a watch waiting for events ends at once, a request or retry delay
   * under way is finished first.
   */
  public void stop() {
    stopped = true;
    namespaces.close();
    accounts.close();
  }

  /** Returns the Secret name and the selector. */
  @Override
  public String toString() {
    return "PullSecretSupply{" + secret.name() + ", namespaces " + selector + "}";
  }

  private String accountSelector() {
    return serviceAccounts.size() == 1 ? "metadata.name=" + serviceAccounts.get(0) : "";
  }

  private void resyncNamespaces(List<KubeObject> listed) {
    Set<String> selected = new HashSet<>();
    for (KubeObject namespace : listed) {
      selected.add(namespace.name());
      supply(namespace.name());
    }
    ListOptions ours = ListOptions.all().withLabelSelector(SUPPLY_LABEL + "=" + secret.name());
    for (KubeObject created : kube.resources(ResourceKind.SECRET).list("", ours)) {
      if (!selected.contains(created.namespace())) {
        withdraw(created.namespace());
      }
    }
    supplied.retainAll(selected);
    report(SupplyAction.RESYNCED, "", selected.size() + " namespaces selected");
  }

  private void namespaceChanged(String type, KubeObject namespace) {
    if (type.equals("DELETED")) {
      withdraw(namespace.name());
    } else {
      supply(namespace.name());
    }
  }

  private void accountChanged(KubeObject account) {
    if (!serviceAccounts.contains(account.name()) || !supplied.contains(account.namespace())) {
      return;
    }
    if (attach(account.namespace(), account)) {
      report(
          SupplyAction.ATTACHED,
          account.namespace(),
          "ServiceAccount " + account.name() + " references Secret " + secret.name() + " again");
    }
  }

  private void supply(String namespace) {
    Resources secrets = kube.resources(ResourceKind.SECRET);
    Optional<KubeObject> existing = secrets.find(namespace, secret.name());
    if (existing.isEmpty()) {
      secrets.create(namespace, desired(namespace).toString(), WriteOptions.defaults());
    } else if (!ours(existing.get())) {
      supplied.remove(namespace);
      report(SupplyAction.SKIPPED_FOREIGN, namespace, "Secret " + secret.name() + " is not ours");
      return;
    } else {
      String data = desired(namespace).path("data").path(secret.dataKey()).asText();
      secrets.update(
          namespace, secret.name(), json -> withData(json, data), WriteOptions.defaults());
    }
    supplied.add(namespace);
    for (String name : serviceAccounts) {
      kube.resources(ResourceKind.SERVICE_ACCOUNT)
          .find(namespace, name)
          .ifPresent(account -> attach(namespace, account));
    }
    report(SupplyAction.SUPPLIED, namespace, "Secret " + secret.name() + " present and attached");
  }

  /**
   * Attaches the Secret to a ServiceAccount as read (the patch is guarded by its resourceVersion),
   * recording the name first; returns whether the reference was added.
   */
  private boolean attach(String namespace, KubeObject account) {
    Workload workload = kube.workloads(namespace).serviceAccount(account.name());
    if (workload.lists(account, secret.name())) {
      return false;
    }
    boolean recorded = record(namespace, account.name());
    PullSecretAttachment result =
        workload.attachToServiceAccount(secret.name(), account, WriteOptions.defaults());
    if (!result.changed() && recorded) {
      editAttached(namespace, account.name(), false);
    }
    return result.changed();
  }

  /** Adds a ServiceAccount to the annotation; returns false when it was there already. */
  private boolean record(String namespace, String account) {
    KubeObject current = kube.resources(ResourceKind.SECRET).get(namespace, secret.name());
    if (attached(current).contains(account)) {
      return false;
    }
    editAttached(namespace, account, true);
    return true;
  }

  private void editAttached(String namespace, String account, boolean add) {
    kube.resources(ResourceKind.SECRET)
        .update(
            namespace,
            secret.name(),
            json -> withAttached(json, account, add),
            WriteOptions.defaults());
  }

  private void withdraw(String namespace) {
    supplied.remove(namespace);
    Resources secrets = kube.resources(ResourceKind.SECRET);
    Optional<KubeObject> existing = secrets.find(namespace, secret.name());
    if (existing.isEmpty() || !ours(existing.get())) {
      return;
    }
    for (String account : attached(existing.get())) {
      if (kube.resources(ResourceKind.SERVICE_ACCOUNT).find(namespace, account).isPresent()) {
        kube.workloads(namespace).serviceAccount(account).detachPullSecret(secret.name());
      }
    }
    secrets.delete(namespace, secret.name(), WriteOptions.defaults());
    report(SupplyAction.WITHDRAWN, namespace, "Secret " + secret.name() + " removed");
  }

  private boolean ours(KubeObject existing) {
    return secret.name().equals(existing.labels().get(SUPPLY_LABEL));
  }

  private static List<String> attached(KubeObject secret) {
    String names = secret.annotations().getOrDefault(ATTACHED_ANNOTATION, "");
    return Arrays.stream(names.split(",")).filter(name -> !name.isBlank()).toList();
  }

  private ObjectNode desired(String namespace) {
    ObjectNode root = ApiTransport.json().createObjectNode();
    root.put("apiVersion", "v1").put("kind", "Secret").put("type", PullSecret.TYPE);
    ObjectNode metadata = root.putObject("metadata").put("name", secret.name());
    metadata.put("namespace", namespace);
    ObjectNode labels = metadata.putObject("labels");
    secret.labels().forEach(labels::put);
    labels.put(SecretComparison.MANAGED_BY, SecretComparison.MANAGER);
    labels.put(SUPPLY_LABEL, secret.name());
    root.putObject("data").put(secret.dataKey(), secret.encodedData());
    return root;
  }

  private String withData(String json, String data) {
    ObjectNode current = parse(json);
    current.withObject("/data").put(secret.dataKey(), data);
    return current.toString();
  }

  private static String withAttached(String json, String account, boolean add) {
    ObjectNode secret = parse(json);
    ObjectNode annotations = secret.withObject("/metadata").withObject("/annotations");
    Set<String> names = new LinkedHashSet<>();
    for (String name : annotations.path(ATTACHED_ANNOTATION).asText("").split(",")) {
      if (!name.isBlank()) {
        names.add(name);
      }
    }
    if (add) {
      names.add(account);
    } else {
      names.remove(account);
    }
    annotations.put(ATTACHED_ANNOTATION, String.join(",", names));
    return secret.toString();
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) ApiTransport.json().readTree(json);
    } catch (IOException | ClassCastException e) {
      throw new KubernetesException("the Secret is not a JSON object");
    }
  }

  private void report(SupplyAction action, String namespace, String detail) {
    synchronized (lock) {
      LOGGER.log(Level.DEBUG, () -> action + " " + namespace + ": " + detail);
      listener.accept(new SupplyEvent(action, namespace, detail));
    }
  }

  private void pause() {
    try {
      sleeper.sleep(retryDelay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitEnd(Thread follower) {
    if (follower == null) {
      return;
    }
    boolean interrupted = false;
    while (follower.isAlive()) {
      try {
        follower.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One watched collection: listed, reconciled, then watched from the list's resourceVersion; every
   * change is applied under the supply's lock, so the two feeds never act at the same time.
   */
  private final class Feed {
    private final ResourceKind kind;
    private final ListOptions options;
    private final boolean periodic;
    private final Consumer<List<KubeObject>> reconcile;
    private final BiConsumer<String, KubeObject> apply;
    private volatile EventStream open;

    Feed(
        ResourceKind kind,
        ListOptions options,
        boolean periodic,
        Consumer<List<KubeObject>> reconcile,
        BiConsumer<String, KubeObject> apply) {
      this.kind = kind;
      this.options = options;
      this.periodic = periodic;
      this.reconcile = reconcile;
      this.apply = apply;
    }

    /** Lists and watches until the supply stops or the thread is interrupted. */
    void follow() {
      while (!stopped && !Thread.currentThread().isInterrupted()) {
        try {
          watchFromList();
        } catch (WatchExpired e) {
          LOGGER.log(Level.DEBUG, () -> "watch of " + kind.plural() + " expired; listing again");
        } catch (KubernetesException e) {
          if (!stopped) {
            report(SupplyAction.DISCONNECTED, "", kind.plural() + ": " + e.getMessage());
            pause();
          }
        }
      }
    }

    /** Ends a watch that waits for events. */
    void close() {
      EventStream stream = open;
      if (stream != null) {
        stream.close();
      }
    }

    private void watchFromList() {
      String version = list();
      Instant listed = kube.clock().instant();
      while (!stopped) {
        version = watchOnce(version);
        boolean due = !kube.clock().instant().isBefore(listed.plus(resyncInterval));
        if (!stopped && periodic && due) {
          version = list();
          listed = kube.clock().instant();
        }
      }
    }

    private String list() {
      Resources.Listing listing = kube.resources(kind).listing("", options);
      synchronized (lock) {
        if (!stopped) {
          reconcile.accept(listing.items());
        }
      }
      return listing.resourceVersion();
    }

    private String watchOnce(String version) {
      String current = version;
      try (EventStream events = start(version)) {
        open = events;
        for (Optional<ObjectNode> event = next(events); event.isPresent(); event = next(events)) {
          current = handle(event.get(), current);
        }
      } finally {
        open = null;
      }
      return current;
    }

    private EventStream start(String version) {
      try {
        return kube.resources(kind).watch("", options, version, watchTimeout);
      } catch (KubeApiException e) {
        if (e.expired()) {
          throw new WatchExpired();
        }
        throw e;
      }
    }

    /** Returns the next event, or none once the supply has stopped (set before the close). */
    private Optional<ObjectNode> next(EventStream events) {
      return stopped ? Optional.empty() : events.next();
    }

    private String handle(ObjectNode event, String version) {
      JsonNode object = event.path("object");
      String type = event.path("type").asText("");
      if (type.equals("ERROR")) {
        if (object.path("code").asInt(0) == 410) {
          throw new WatchExpired();
        }
        throw new KubernetesException(
            "watch of " + kind.plural() + " failed: " + object.path("message").asText(type));
      }
      if (List.of("ADDED", "MODIFIED", "DELETED").contains(type) && object.isObject()) {
        synchronized (lock) {
          if (!stopped) {
            apply.accept(type, KubeObject.adopt((ObjectNode) object));
          }
        }
      }
      return object.path("metadata").path("resourceVersion").asText(version);
    }
  }

  /** The server said the watch's resourceVersion is too old. */
  private static final class WatchExpired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WatchExpired() {
      super("watch expired", null, false, false);
    }
  }

  /** Collects the settings of a {@link PullSecretSupply}. Not thread-safe. */
  public static final class Builder {
    private final KubeClient kube;
    private final PullSecret secret;
    private String selector;
    private List<String> serviceAccounts = List.of("default");
    private Duration watchTimeout = Duration.ofSeconds(20);
    private Duration retryDelay = Duration.ofSeconds(5);
    private Duration resyncInterval = Duration.ofMinutes(5);
    private Sleeper sleeper;
    private Consumer<SupplyEvent> listener = event -> {};

    private Builder(KubeClient kube, PullSecret secret) {
      this.kube = kube;
      this.secret = secret;
    }

    /**
     * Sets the namespaces to supply: those whose labels match a selector.
     *
     * @param labelSelector a label selector such as {@code pullsecrets.io/pull=dcd}
     * @return this builder
     */
    public Builder namespacesMatching(String labelSelector) {
      this.selector = Objects.requireNonNull(labelSelector, "labelSelector");
      return this;
    }

    /**
     * Sets the ServiceAccounts that must reference the Secret in each namespace; {@code default} by
     * default. An account that does not exist yet is attached when it is created. No names: the
     * Secret is kept present but attached to nothing, and ServiceAccounts are not watched.
     *
     * @param names the ServiceAccount names
     * @return this builder
     */
    public Builder serviceAccounts(String... names) {
      this.serviceAccounts = List.of(names);
      return this;
    }

    /**
     * Sets how long each watch request lasts; 20 seconds by default. Keep it below the client's
     * request timeout.
     *
     * @param watchTimeout at least one second
     * @return this builder
     */
    public Builder watchTimeout(Duration watchTimeout) {
      Objects.requireNonNull(watchTimeout, "watchTimeout");
      if (watchTimeout.toSeconds() < 1) {
        throw new IllegalArgumentException("watchTimeout must be at least 1s: " + watchTimeout);
      }
      this.watchTimeout = watchTimeout;
      return this;
    }

    /**
     * Sets how long to wait after a failure before listing again; 5 seconds by default.
     *
     * @param retryDelay zero or positive
     * @return this builder
     */
    public Builder retryDelay(Duration retryDelay) {
      Objects.requireNonNull(retryDelay, "retryDelay");
      if (retryDelay.isNegative()) {
        throw new IllegalArgumentException("retryDelay must not be negative: " + retryDelay);
      }
      this.retryDelay = retryDelay;
      return this;
    }

    /**
     * Sets how often the namespaces are listed again while the watch is healthy; 5 minutes by
     * default. Zero lists after every watch request.
     *
     * @param resyncInterval zero or positive
     * @return this builder
     */
    public Builder resyncInterval(Duration resyncInterval) {
      Objects.requireNonNull(resyncInterval, "resyncInterval");
      if (resyncInterval.isNegative()) {
        throw new IllegalArgumentException(
            "resyncInterval must not be negative: " + resyncInterval);
      }
      this.resyncInterval = resyncInterval;
      return this;
    }

    /**
     * Sets what waits the retry delay; the client's sleeper by default.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets what is told about each action; called on the thread of {@link #run()} or on the
     * ServiceAccount thread it starts, one call at a time.
     *
     * @param listener the listener; it must not throw
     * @return this builder
     */
    public Builder listener(Consumer<SupplyEvent> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the supply.
     *
     * @return the supply
     * @throws IllegalStateException if no namespace selector was set
     */
    public PullSecretSupply build() {
      if (selector == null) {
        throw new IllegalStateException("namespacesMatching must be set");
      }
      return new PullSecretSupply(this);
    }
  }
}
