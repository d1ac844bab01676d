package io.github.pullsecrets.registry;

import io.github.pullsecrets.auth.CredentialIssuer;
import io.github.pullsecrets.auth.RetryListener;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.auth.Sleeper;
import io.github.pullsecrets.auth.TokenSource;
import io.github.pullsecrets.auth.internal.http.HttpPipeline;
import io.github.pullsecrets.registry.internal.ApiClient;
import io.github.pullsecrets.registry.internal.RegistryOperations;
import io.github.pullsecrets.registry.internal.RepositoryOperations;
import io.github.pullsecrets.registry.internal.TokenIssuer;
import io.github.pullsecrets.registry.internal.TokenOperations;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The entry point to the IONOS / Arsys Container Registry management API.
 *
 * <pre>{@code
 * var cr = ContainerRegistryClient.fromEnvironment();          // IONOS_TOKEN, ...
 * Registry registry = cr.registries().create(RegistrySpec.named("team-images").location("de/fra"));
 * registry = cr.registries().awaitRunning(registry.id(), Duration.ofMinutes(10));
 * IssuedToken pull = cr.tokens(registry).create(TokenSpec.pullOnly("kubernetes-pull")
 *     .expiresAt(Instant.now().plus(Duration.ofDays(90))));
 * RegistryCredential credential = pull.credential();          // the only time it exists
 * }</pre>
 *
 * <p>A client is immutable and thread-safe; share one per set of credentials. Safe requests (GET,
 * HEAD, PUT, PATCH, DELETE) are retried as the {@link RetryPolicy} says; POST never is. Requests
 * are logged at DEBUG through the {@link System.Logger} named {@code
 * io.github.pullsecrets.registry}, without headers or bodies.
 */
public final class ContainerRegistryClient {

  /** The production base URL of the API. */
  public static final String DEFAULT_BASE_URL = "https://api.ionos.com/containerregistries";

  private static final String PRODUCT_PATH = "/containerregistries";

  private final ApiClient api;
  private final RegistryOperations registries;
  private final String authScheme;

  private ContainerRegistryClient(Builder builder, ApiClient api) {
    this.api = api;
    this.registries = new RegistryOperations(api, builder.pollInterval);
    this.authScheme = builder.authorization.substring(0, builder.authorization.indexOf(' '));
  }

  /**
   * Returns a builder with the production base URL, the default retry policy and no credentials.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a client configured from {@code IONOS_TOKEN}, {@code IONOS_USERNAME}, {@code
   * IONOS_PASSWORD}, {@code IONOS_API_URL} and {@code IONOS_CONTRACT_NUMBER}.
   *
   * @return the client
   * @throws IllegalStateException if the environment holds no credentials
   */
  public static ContainerRegistryClient fromEnvironment() {
    return builder().fromEnvironment().build();
  }

  /**
   * Lists the locations where registries can be created.
   *
   * @return the locations, such as {@code de/fra}
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  public List<Location> locations() {
    return registries.locations();
  }

  /**
   * Checks whether a name can be used for a new registry. A name that breaks the naming rule is
   * {@link NameAvailability#INVALID} without asking the API.
   *
   * @param name the desired registry name
   * @return whether it is available, taken or invalid
   * @throws ContainerRegistryException if the API answers otherwise or cannot be reached
   */
  public NameAvailability nameAvailability(String name) {
    return registries.nameAvailability(name);
  }

  /** Returns the registry operations. */
  public Registries registries() {
    return registries;
  }

  /**
   * Returns the token operations of a registry. Creating a token reads the registry once to learn
   * its hostname, the server of the returned credential.
   *
   * @param registryId the registry id, a UUID
   * @return the token operations
   * @throws IllegalArgumentException if the id is not a UUID
   */
  public Tokens tokens(String registryId) {
    return new TokenOperations(api, registryId, () -> hostnameOf(registries.get(registryId)));
  }

  /**
   * Returns the token operations of a registry already read, using its hostname.
   *
   * @param registry the registry
   * @return the token operations
   */
  public Tokens tokens(Registry registry) {
    return new TokenOperations(api, registry.id(), () -> hostnameOf(registry));
  }

  /**
   * Returns the repository, artifact and vulnerability operations of a registry.
   *
   * @param registryId the registry id, a UUID
   * @return the operations
   * @throws IllegalArgumentException if the id is not a UUID
   */
  public Repositories repositories(String registryId) {
    return new RepositoryOperations(api, registryId);
  }

  /**
   * Returns a {@link CredentialIssuer} that issues registry tokens. Its requests name the registry
   * by id, name or hostname.
   *
   * @return the issuer
   */
  public CredentialIssuer credentialIssuer() {
    return tokenIssuer();
  }

  /**
   * Returns a {@link TokenSource} over the registry tokens, for an expiry inventory: every token
   * with its status, expiry and scopes, never a password. Its requests name the registry by id,
   * name or hostname.
   *
   * @return the token source
   */
  public TokenSource tokenSource() {
    return tokenIssuer();
  }

  private TokenIssuer tokenIssuer() {
    return new TokenIssuer(
        api,
        registries,
        registry -> new TokenOperations(api, registry.id(), () -> hostnameOf(registry)));
  }

  /** Returns the base URL and the authentication scheme; never the credentials. */
  @Override
  public String toString() {
    return "ContainerRegistryClient{baseUrl=" + api.baseUrl() + ", auth=" + authScheme + "}";
  }

  private static String hostnameOf(Registry registry) {
    return registry
        .hostname()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "registry "
                        + registry.id()
                        + " has no hostname yet (state "
                        + registry.state()
                        + "); wait with registries().awaitRunning(...)"));
  }

  static String normalizeBaseUrl(String url) {
    URI uri = URI.create(url.trim());
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: '" + url + "'");
    }
    String base = url.trim().replaceAll("/+$", "");
    return base.endsWith(PRODUCT_PATH) ? base : base + PRODUCT_PATH;
  }

  /**
   * Configures a {@link ContainerRegistryClient}. Each method sets one property; later calls win.
   * Not thread-safe.
   */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private String authorization = "";
    private String contractNumber = "";
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration pollInterval = Duration.ofSeconds(5);
    private HttpClient httpClient;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RetryListener retryListener = RetryListener.NONE;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    /**
     * Sets where the API is. A URL without the product path gets {@code /containerregistries}
     * appended, as IONOS's own tools do with {@code IONOS_API_URL}; a URL that already ends with it
     * is kept.
     *
     * @param baseUrl such as {@code https://api.ionos.com}
     * @return this builder
     * @throws IllegalArgumentException if it is not an absolute URL
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = normalizeBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
      return this;
    }

    /**
     * Authenticates with an IONOS Cloud API token, sent as {@code Authorization: Bearer}.
     *
     * @param token the token, without the {@code Bearer} prefix
     * @return this builder
     */
    public Builder bearerToken(String token) {
      this.authorization = "Bearer " + requireText(token, "token");
      return this;
    }

    /**
     * Authenticates with the account's user name and password (HTTP Basic).
     *
     * @param username the account user, usually an email address
     * @param password the account password
     * @return this builder
     */
    public Builder basicAuth(String username, String password) {
      String pair = requireText(username, "username") + ":" + requireText(password, "password");
      this.authorization =
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /**
     * Selects a contract for users with several, sent as {@code X-Contract-Number}.
     *
     * @param contractNumber the contract number, digits only
     * @return this builder
     */
    public Builder contractNumber(String contractNumber) {
      if (!requireText(contractNumber, "contractNumber").matches("\\d+")) {
        throw new IllegalArgumentException(
            "contractNumber must be digits: '" + contractNumber + "'");
      }
      this.contractNumber = contractNumber;
      return this;
    }

    /**
     * Applies IONOS environment variables from a map: {@code IONOS_TOKEN}, or else {@code
     * IONOS_USERNAME} with {@code IONOS_PASSWORD}; {@code IONOS_API_URL} (a host, the product path
     * is appended); {@code IONOS_CONTRACT_NUMBER}. Blank variables are ignored.
     *
     * @param environment the variables, such as {@link System#getenv()}
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      String token = blankToEmpty(environment.get("IONOS_TOKEN"));
      String username = blankToEmpty(environment.get("IONOS_USERNAME"));
      String password = blankToEmpty(environment.get("IONOS_PASSWORD"));
      if (!token.isEmpty()) {
        bearerToken(token);
      } else if (!username.isEmpty() && !password.isEmpty()) {
        basicAuth(username, password);
      }
      String url = blankToEmpty(environment.get("IONOS_API_URL"));
      if (!url.isEmpty()) {
        baseUrl(url);
      }
      String contract = blankToEmpty(environment.get("IONOS_CONTRACT_NUMBER"));
      if (!contract.isEmpty()) {
        contractNumber(contract);
      }
      return this;
    }

    /**
     * Applies the process environment; see {@link #environment(Map)}.
     *
     * @return this builder
     */
    public Builder fromEnvironment() {
      return environment(System.getenv());
    }

    /**
     * Sets the connect timeout of the client the builder creates; ignored with {@link
     * #httpClient(HttpClient)}.
     *
     * @param connectTimeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long to wait for each response.
     *
     * @param requestTimeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the pause between reads while waiting for a registry.
     *
     * @param pollInterval a positive duration
     * @return this builder
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = requirePositive(pollInterval, "pollInterval");
      return this;
    }

    /**
     * Uses a caller's HTTP client (proxy, TLS, executor). The client stays the caller's.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Sets the retry policy; {@link RetryPolicy#disabled()} switches retries off.
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
     * Sets the clock for expiry checks, waits and {@code Retry-After} dates.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets what waits between retries and polls.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalStateException if no credentials were given
     */
    public ContainerRegistryClient build() {
      if (authorization.isEmpty()) {
        throw new IllegalStateException(
            "no credentials: call bearerToken(...) or "
                + "basicAuth(...), or set IONOS_TOKEN, or IONOS_USERNAME and IONOS_PASSWORD");
      }
      return new ContainerRegistryClient(this, new ApiClient(pipeline(), baseUrl));
    }

    /** Returns the base URL and whether credentials are set; never the credentials. */
    @Override
    public String toString() {
      return "ContainerRegistryClient.Builder{baseUrl="
          + baseUrl
          + ", credentials="
          + (authorization.isEmpty() ? "none" : "<redacted>")
          + "}";
    }

    private HttpPipeline pipeline() {
      HttpClient client =
          httpClient != null
              ? httpClient
              : HttpClient.newBuilder().connectTimeout(connectTimeout).build();
      HttpPipeline.Builder pipeline =
          HttpPipeline.builder(client, System.getLogger("io.github.pullsecrets.registry"))
              .addHeader("Authorization", authorization)
              .addHeader("Accept", "application/json")
              .addHeader("User-Agent", "pullsecrets-registry-api")
              .requestTimeout(requestTimeout)
              .retryPolicy(retryPolicy)
              .retryListener(retryListener)
              .sleeper(sleeper)
              .clock(clock);
      if (!contractNumber.isEmpty()) {
        pipeline.addHeader("X-Contract-Number", contractNumber);
      }
      return pipeline.build();
    }

    private static String requireText(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }

    private static Duration requirePositive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    private static String blankToEmpty(String value) {
      return value == null ? "" : value.trim();
    }
  }
}
