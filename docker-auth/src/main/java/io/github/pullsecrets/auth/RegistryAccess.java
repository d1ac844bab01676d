package io.github.pullsecrets.auth;

import io.github.pullsecrets.auth.internal.access.AccessClient;
import io.github.pullsecrets.auth.internal.access.AccessSettings;
import io.github.pullsecrets.auth.internal.access.TlsContexts;
import io.github.pullsecrets.auth.internal.access.TokenCache;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Checks credentials against a registry's {@code /v2/} API, without docker, logs in as {@code
 * docker login} does, and pushes, retags and copies images ({@link #images(RegistryCredential)}).
 *
 * <pre>{@code
 * AccessResult pull =
 *     RegistryAccess.check(credential).canPull("registry.example.com/team/app:1.4");
 * if (!pull.ok()) {
 *   throw new IllegalStateException(pull.outcome() + ": " + pull.detail());
 * }
 * }</pre>
 *
 * <p>The default trusts the JDK's CA certificates and repeats idempotent requests as {@link
 * RetryPolicy#defaults()} says. Instances are immutable and thread-safe; share one.
 */
public final class RegistryAccess {

  private final AccessSettings settings;
  private final long chunkSize;

  private RegistryAccess(AccessSettings settings, long chunkSize) {
    this.settings = settings;
    this.chunkSize = chunkSize;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the checks of a credential with the default configuration.
   *
   * @param credential the credential to check
   * @return the checks
   */
  public static CredentialCheck check(RegistryCredential credential) {
    return builder().build().forCredential(credential);
  }

  /**
   * Returns the checks of a credential with this configuration.
   *
   * @param credential the credential to check; empty user name and password mean anonymous
   * @return the checks, with their own token cache
   */
  public CredentialCheck forCredential(RegistryCredential credential) {
    Objects.requireNonNull(credential, "credential");
    TokenCache tokens = new TokenCache(settings.clock());
    return new CredentialCheck(credential, new AccessClient(settings, tokens, credential));
  }

  /**
   * Returns push, retag and copy operations that write with a credential.
   *
   * @param credential the credential for the target registry, sent to the registry of each target
   *     image
   * @return the operations, with their own token cache
   */
  public ImageTransfer images(RegistryCredential credential) {
    Objects.requireNonNull(credential, "credential");
    TokenCache tokens = new TokenCache(settings.clock());
    AccessClient client = new AccessClient(settings, tokens, credential);
    return new ImageTransfer(settings, credential, client, chunkSize, TransferProgress.NONE);
  }

  /**
   * Checks a credential as {@code docker login} does and, when the registry accepts it, stores it
   * in a Docker config file under the key the docker CLI uses. When the token server returns a
   * refresh token, that identity token is stored instead of the password, as the CLI does.
   *
   * @param credential the credential; its server is the address given to {@code docker login}
   * @param config the config file to update
   * @return what the registry said, where the credential was stored and what would shadow it
   * @throws DockerConfigException if the existing config file cannot be read
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public LoginResult login(RegistryCredential credential, DockerConfigFile config) {
    String key = RegistryHosts.loginKey(credential.server());
    var verification = forCredential(credential.withServer(key)).verify();
    if (!verification.result().ok()) {
      return new LoginResult(verification.result(), key, false, "");
    }
    RegistryCredential stored =
        verification.refreshToken().isEmpty()
            ? credential.withServer(key)
            : RegistryCredential.withIdentityToken(
                key, credential.username(), verification.refreshToken());
    String shadowedBy = config.store(stored);
    return new LoginResult(verification.result(), key, true, shadowedBy);
  }

  @Override
  public String toString() {
    return "RegistryAccess{insecure="
        + settings.insecure()
        + ", retry="
        + settings.retryPolicy()
        + ", chunkSize="
        + chunkSize
        + "}";
  }

  /** Blobs up to 32 MiB are uploaded in one request by default; larger ones in chunks of it. */
  public static final long DEFAULT_CHUNK_SIZE = 32L << 20;

  /** Configures a {@link RegistryAccess}. Not thread-safe. */
  public static final class Builder {
    private HttpClient httpClient;
    private SSLContext sslContext;
    private boolean insecure;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RetryListener retryListener = RetryListener.NONE;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int pageSize = 100;
    private long chunkSize = DEFAULT_CHUNK_SIZE;

    private Builder() {}

    /**
     * Trusts exactly the CA certificates of a PEM bundle, instead of the JDK's.
     *
     * @param pem one or more PEM certificates
     * @return this builder
     * @throws IllegalArgumentException if the bundle holds no readable certificate
     */
    public Builder caBundle(String pem) {
      this.sslContext = TlsContexts.trusting(Objects.requireNonNull(pem, "pem"));
      return this;
    }

    /**
     * Sets the TLS context used for registries and token servers.
     *
     * @param sslContext the context
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Speaks plain HTTP to registries and token realms. Only for registries the caller knows to be
     * insecure; credentials then cross the network unencrypted.
     *
     * @param insecure whether to use plain HTTP
     * @return this builder
     */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    /**
     * Sets the client that sends every request; TLS, proxy and timeouts are then its own, and
     * {@link #caBundle}, {@link #sslContext} and {@link #connectTimeout} are not used.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Sets how GET, HEAD, PUT and DELETE requests are repeated; POST and PATCH never are, nor a
     * request whose body can be read only once.
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
     * Sets what waits between retries.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the clock that decides when cached tokens expire.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long to wait for a connection when this builder creates the client.
     *
     * @param connectTimeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long to wait for each response. For an upload the time runs while the body is sent,
     * so one chunk ({@link #chunkSize}) must go through within it.
     *
     * @param requestTimeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Sets how many names to ask for per page when listing tags and repositories.
     *
     * @param pageSize at least 1
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets the upload chunk size: a blob up to this size is uploaded with one {@code PUT}, a larger
     * one with {@code PATCH} requests of this size. Bytes are streamed either way, never buffered.
     *
     * @param chunkSize at least 1 byte; {@link #DEFAULT_CHUNK_SIZE} unless set
     * @return this builder
     */
    public Builder chunkSize(long chunkSize) {
      if (chunkSize < 1) {
        throw new IllegalArgumentException("chunkSize must be at least 1: " + chunkSize);
      }
      this.chunkSize = chunkSize;
      return this;
    }

    /**
     * Builds the access checker.
     *
     * @return the checker
     */
    public RegistryAccess build() {
      HttpClient client = httpClient != null ? httpClient : newClient();
      return new RegistryAccess(
          new AccessSettings(
              client,
              insecure,
              retryPolicy,
              retryListener,
              sleeper,
              clock,
              requestTimeout,
              pageSize),
          chunkSize);
    }

    private HttpClient newClient() {
      HttpClient.Builder client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(connectTimeout);
      if (sslContext != null) {
        client.sslContext(sslContext);
      }
      return client.build();
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
      return duration;
    }
  }
}
