package io.github.pullsecrets.k8s;

import io.github.pullsecrets.auth.RetryListener;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.auth.Sleeper;
import io.github.pullsecrets.k8s.internal.kube.ApiTransport;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small Kubernetes API client on {@code java.net.http}, and the entry point of the live-cluster
 * operations: applying pull Secrets, attaching them to workloads and ServiceAccounts, waiting for
 * rollouts and diagnosing image pull failures.
 *
 * <pre>{@code
 * try (KubeClient kube = KubeClient.fromKubeconfig()) {
 *   kube.pullSecrets().apply(secret).toNamespaces("shop", "staging");
 *   kube.workloads("shop").deployment("api").attachPullSecret("dcd");
 *   Diagnosis why = kube.diagnose("shop").deployment("api");
 * }
 * }</pre>
 *
 * <p>Share one client per cluster: it is thread-safe. {@link #close()} shuts down only what the
 * client created itself (the {@link HttpClient}'s executor); a client passed to the builder is left
 * alone. Requests that are safe to repeat are retried as the {@link RetryPolicy} says: GET, PUT,
 * DELETE, server-side apply, merge and strategic merge patches, and JSON patches whose first
 * operation is a {@code test}; a POST or an unguarded JSON patch is sent once.
 */
public final class KubeClient implements AutoCloseable {

  private final KubeConfig config;
  private final ApiTransport transport;
  private final ExecutorService ownedExecutor;
  private final Clock clock;
  private final Sleeper sleeper;

  private KubeClient(Builder builder) {
    this.config = builder.config;
    this.ownedExecutor = builder.httpClient == null ? newExecutor() : null;
    HttpClient client = builder.httpClient != null ? builder.httpClient : newClient(builder);
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.transport =
        new ApiTransport(
            config.server(),
            config.settings().credentials(),
            new ApiTransport.Settings(
                client,
                builder.retryPolicy,
                builder.retryListener,
                builder.sleeper,
                builder.clock,
                builder.requestTimeout));
  }

  /**
   * Connects with the current context of {@code KUBECONFIG} or {@code ~/.kube/config}.
   *
   * @return a client with default settings
   * @throws KubeConfigException if the kubeconfig cannot be used
   */
  public static KubeClient fromKubeconfig() {
    return builder(KubeConfig.fromKubeconfig()).build();
  }

  /**
   * Connects with the pod's service account.
   *
   * @return a client with default settings
   * @throws KubeConfigException if not running in a pod
   */
  public static KubeClient inCluster() {
    return builder(KubeConfig.inCluster()).build();
  }

  /**
   * Returns a builder for a client of a cluster.
   *
   * @param config where the cluster is and how to authenticate
   * @return a new builder
   */
  public static Builder builder(KubeConfig config) {
    return new Builder(config);
  }

  /** Returns the configuration this client uses. */
  public KubeConfig config() {
    return config;
  }

  /** Returns the namespace of the configuration, used when the caller names none. */
  public String namespace() {
    return config.namespace();
  }

  /**
   * Returns the reads and writes of one kind of object.
   *
   * @param kind the kind
   * @return its client
   */
  public Resources resources(ResourceKind kind) {
    return new Resources(transport, Objects.requireNonNull(kind, "kind"));
  }

  /** Returns the pull Secret operations: apply to many namespaces, plan. */
  public PullSecrets pullSecrets() {
    return new PullSecrets(this);
  }

  /**
   * Returns the workloads and ServiceAccounts of a namespace, to attach or detach pull secrets and
   * wait for rollouts.
   *
   * @param namespace the namespace
   * @return the namespace's workloads
   */
  public Workloads workloads(String namespace) {
    return new Workloads(this, Objects.requireNonNull(namespace, "namespace"));
  }

  /**
   * Returns the image pull diagnosis of a namespace's workloads and pods.
   *
   * @param namespace the namespace
   * @return the diagnosis entry point
   */
  public Diagnose diagnose(String namespace) {
    return new Diagnose(this, Objects.requireNonNull(namespace, "namespace"), null);
  }

  /** Shuts down the executor this client created, if any. */
  @Override
  public void close() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  /** Returns the server and namespace. */
  @Override
  public String toString() {
    return "KubeClient{" + config.server() + ", namespace=" + config.namespace() + "}";
  }

  Clock clock() {
    return clock;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  boolean ownsExecutor() {
    return ownedExecutor != null;
  }

  boolean executorShutDown() {
    return ownedExecutor != null && ownedExecutor.isShutdown();
  }

  private HttpClient newClient(Builder builder) {
    return HttpClient.newBuilder()
        .sslContext(config.settings().sslContext())
        .connectTimeout(builder.connectTimeout)
        .executor(ownedExecutor)
        .build();
  }

  private static ExecutorService newExecutor() {
    return Executors.newCachedThreadPool(
        runnable -> {
          Thread thread = new Thread(runnable, "pullsecrets-kube-http");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Configures a {@link KubeClient}. Not thread-safe. */
  public static final class Builder {
    private final KubeConfig config;
    private HttpClient httpClient;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RetryListener retryListener = RetryListener.NONE;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);

    private Builder(KubeConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Sets the client that sends every request; its TLS settings then replace the kubeconfig's, and
     * {@link KubeClient#close()} leaves it alone.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Sets how idempotent requests are repeated; the default makes 4 attempts.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets the listener told about each retry.
     *
     * @param retryListener the listener
     * @return this builder
     */
    public Builder retryListener(RetryListener retryListener) {
      this.retryListener = Objects.requireNonNull(retryListener, "retryListener");
      return this;
    }

    /**
     * Sets what waits between retries and between rollout polls.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the clock for {@code Retry-After} dates and rollout timeouts.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long to wait for a connection when this builder creates the HTTP client.
     *
     * @param connectTimeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long to wait for each response.
     *
     * @param requestTimeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     */
    public KubeClient build() {
      return new KubeClient(this);
    }
  }
}
