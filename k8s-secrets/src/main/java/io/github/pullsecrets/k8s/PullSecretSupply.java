package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.Sleeper;
import io.github.pullsecrets.k8s.internal.kube.ApiTransport;
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
import java.util.function.Consumer;

/**
 * Keeps a pull Secret present and attached in every namespace whose labels match a selector, for
 * programs that run inside the cluster: lists the namespaces, then watches them; a namespace that
 * appears gets the Secret (labelled {@value #SUPPLY_LABEL}) and its ServiceAccounts reference it; a
 * namespace that leaves the selection loses what the supply created there and nothing else. After a
 * dropped connection or an expired watch ({@code 410 Gone}) it lists again and reconciles, and it
 * also lists again every {@link Builder#resyncInterval(Duration)}, which attaches ServiceAccounts
 * created after their namespace's event.
 *
 * <pre>{@code
 * PullSecretSupply supply =
 *     PullSecretSupply.builder(kube, secret).namespacesMatching("pullsecrets.io/pull=dcd").build();
 * Thread worker = new Thread(supply::run);
 * worker.start();
 * ...
 * supply.stop();   // run() returns after the current watch request ends
 * }</pre>
 *
 * <p>A Secret of the same name that the supply did not create is left alone, and so are the
 * ServiceAccounts in that namespace. A ServiceAccount that already referenced the Secret is not
 * detached on withdrawal: the names the supply attached are kept in the annotation {@value
 * #ATTACHED_ANNOTATION}, written before each attach. Each watch request lasts {@link
 * Builder#watchTimeout(Duration)}, which must stay below the client's request timeout; a change is
 * seen when its event arrives, at the latest when that request ends. Thread-safe: {@link #stop()}
 * may be called from any thread.
 */
public final class PullSecretSupply {

  /** The label on Secrets the supply created; its value is the Secret name. */
  public static final String SUPPLY_LABEL = "pullsecrets.io/supply";

  /** The ServiceAccounts the supply attached the Secret to, comma-separated. */
  public static final String ATTACHED_ANNOTATION = "pullsecrets.io/attached-to";

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
   * Lists, supplies and watches until {@link #stop()} is called or the thread is interrupted.
   * Failures of the cluster are reported as {@link SupplyAction#DISCONNECTED} and retried after the
   * retry delay; they never end the loop.
   */
  public void run() {
    while (!stopped && !Thread.currentThread().isInterrupted()) {
      try {
        String version = resync();
        Instant listed = kube.clock().instant();
        while (!stopped) {
          version = watchOnce(version);
          if (!stopped && !kube.clock().instant().isBefore(listed.plus(resyncInterval))) {
            version = resync();
            listed = kube.clock().instant();
          }
        }
      } catch (WatchExpired e) {
        LOGGER.log(Level.DEBUG, () -> "watch of namespaces expired; listing again");
      } catch (KubernetesException e) {
        report(SupplyAction.DISCONNECTED, "", e.getMessage());
        pause();
      }
    }
  }

  /** Makes {@link #run()} return once the current request has ended. */
  public void stop() {
    stopped = true;
  }

  /** Returns the Secret name and the selector. */
  @Override
  public String toString() {
    return "PullSecretSupply{" + secret.name() + ", namespaces " + selector + "}";
  }

  private String resync() {
    Resources namespaces = kube.resources(ResourceKind.NAMESPACE);
    Resources.Listing listing =
        namespaces.listing("", ListOptions.all().withLabelSelector(selector));
    Set<String> selected = new HashSet<>();
    for (KubeObject namespace : listing.items()) {
      selected.add(namespace.name());
      supply(namespace.name());
    }
    ListOptions ours = ListOptions.all().withLabelSelector(SUPPLY_LABEL + "=" + secret.name());
    for (KubeObject created : kube.resources(ResourceKind.SECRET).list("", ours)) {
      if (!selected.contains(created.namespace())) {
        withdraw(created.namespace());
      }
    }
    report(SupplyAction.RESYNCED, "", selected.size() + " namespaces selected");
    return listing.resourceVersion();
  }

  private String watchOnce(String version) {
    Resources namespaces = kube.resources(ResourceKind.NAMESPACE);
    ListOptions options = ListOptions.all().withLabelSelector(selector);
    String current = version;
    for (ObjectNode event : namespaces.watch("", options, version, watchTimeout)) {
      JsonNode object = event.path("object");
      String type = event.path("type").asText("");
      if (type.equals("ERROR")) {
        if (object.path("code").asInt(0) == 410) {
          throw new WatchExpired();
        }
        throw new KubernetesException("watch error: " + object.path("message").asText(type));
      }
      String name = object.path("metadata").path("name").asText("");
      if (type.equals("ADDED") || type.equals("MODIFIED")) {
        supply(name);
      } else if (type.equals("DELETED")) {
        withdraw(name);
      }
      current = object.path("metadata").path("resourceVersion").asText(current);
    }
    return current;
  }

  private void supply(String namespace) {
    Resources secrets = kube.resources(ResourceKind.SECRET);
    Optional<KubeObject> existing = secrets.find(namespace, secret.name());
    if (existing.isEmpty()) {
      secrets.create(namespace, desired(namespace).toString(), WriteOptions.defaults());
    } else if (!ours(existing.get())) {
      report(SupplyAction.SKIPPED_FOREIGN, namespace, "Secret " + secret.name() + " is not ours");
      return;
    } else {
      String data = desired(namespace).path("data").path(secret.dataKey()).asText();
      secrets.update(
          namespace, secret.name(), json -> withData(json, data), WriteOptions.defaults());
    }
    for (String account : serviceAccounts) {
      attach(namespace, account);
    }
    report(SupplyAction.SUPPLIED, namespace, "Secret " + secret.name() + " present and attached");
  }

  private void attach(String namespace, String account) {
    if (kube.resources(ResourceKind.SERVICE_ACCOUNT).find(namespace, account).isEmpty()) {
      return;
    }
    Workload workload = kube.workloads(namespace).serviceAccount(account);
    if (workload.pullSecrets().contains(secret.name())) {
      return;
    }
    kube.resources(ResourceKind.SECRET)
        .update(
            namespace, secret.name(), json -> withAttached(json, account), WriteOptions.defaults());
    workload.attachPullSecret(secret.name());
  }

  private void withdraw(String namespace) {
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

  private static String withAttached(String json, String account) {
    ObjectNode secret = parse(json);
    ObjectNode annotations = secret.withObject("/metadata").withObject("/annotations");
    Set<String> names = new LinkedHashSet<>();
    for (String name : annotations.path(ATTACHED_ANNOTATION).asText("").split(",")) {
      if (!name.isBlank()) {
        names.add(name);
      }
    }
    names.add(account);
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
    LOGGER.log(Level.DEBUG, () -> action + " " + namespace + ": " + detail);
    listener.accept(new SupplyEvent(action, namespace, detail));
  }

  private void pause() {
    try {
      sleeper.sleep(retryDelay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
     * default. An account that does not exist yet is attached at the next event or list.
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
     * Sets what is told about each action; called on the thread of {@link #run()}.
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
