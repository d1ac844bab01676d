package io.github.pullsecrets.k8s;

import io.github.pullsecrets.auth.DockerAuthException;
import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.TokenInfo;
import io.github.pullsecrets.auth.TokenSource;
import io.github.pullsecrets.k8s.internal.rotation.TokenAnnotations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Takes stock of a registry's tokens and of the pull Secrets in a cluster that carry them, and
 * flags what needs attention: tokens expired or expiring within a horizon, tokens with push or
 * delete scopes found in the cluster, Secrets whose token no longer exists, and tokens no Secret
 * carries. A Secret's token is read from its {@value Rotation#TOKEN_ID} annotation, which {@link
 * Rotation} writes.
 *
 * <pre>{@code
 * ExpiryInventory inventory =
 *     TokenInventory.builder(kube, tokenSource)
 *         .registry(registryId)
 *         .registryHost("team.cr.de-fra.ionos.com")
 *         .horizon(Duration.ofDays(14))
 *         .build()
 *         .scan();
 * List<String> expiring =
 *     inventory.flagged(InventoryFlag.EXPIRING).stream().map(f -> f.message()).toList();
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@link #scan()} reads the registry and the cluster again.
 */
public final class TokenInventory {

  private final KubeClient kube;
  private final TokenSource source;
  private final String registry;
  private final Optional<String> registryHost;
  private final Duration horizon;
  private final Clock clock;

  private TokenInventory(Builder builder) {
    this.kube = builder.kube;
    this.source = builder.source;
    this.registry = builder.registry;
    this.registryHost = Optional.ofNullable(builder.registryHost);
    this.horizon = builder.horizon;
    this.clock = builder.clock == null ? kube.clock() : builder.clock;
  }

  /**
   * Starts an inventory.
   *
   * @param kube the cluster whose pull Secrets are listed
   * @param source the registry's token list
   * @return a builder
   */
  public static Builder builder(KubeClient kube, TokenSource source) {
    return new Builder(
        Objects.requireNonNull(kube, "kube"), Objects.requireNonNull(source, "source"));
  }

  /**
   * Lists the tokens and the pull Secrets of every namespace, and raises the flags.
   *
   * @return the inventory
   * @throws KubeApiException if the Secrets cannot be listed
   * @throws RuntimeException what the token source throws
   */
  public ExpiryInventory scan() {
    Instant now = clock.instant();
    List<TokenInfo> tokens = source.tokens(registry);
    List<SecretToken> secrets = pullSecrets();
    List<InventoryFinding> findings = new ArrayList<>();
    Map<String, TokenInfo> byId =
        tokens.stream().collect(Collectors.toMap(TokenInfo::id, Function.identity(), (a, b) -> a));
    for (TokenInfo token : tokens) {
      expiry(token, now).ifPresent(findings::add);
      if (secrets.stream().noneMatch(secret -> secret.tokenId().equals(Optional.of(token.id())))) {
        findings.add(
            finding(InventoryFlag.TOKEN_UNUSED, token.id(), null, "no pull Secret carries it"));
      }
    }
    for (SecretToken secret : secrets) {
      secret.tokenId().ifPresent(id -> checkSecret(secret, id, byId, findings));
    }
    return new ExpiryInventory(now, tokens, secrets, findings);
  }

  /** Returns the registry and horizon. */
  @Override
  public String toString() {
    return "TokenInventory{registry=" + registry + ", horizon=" + horizon + "}";
  }

  private Optional<InventoryFinding> expiry(TokenInfo token, Instant now) {
    if (token.expiresAt().isEmpty()) {
      return Optional.empty();
    }
    Instant expiresAt = token.expiresAt().get();
    if (!expiresAt.isAfter(now)) {
      return Optional.of(
          finding(InventoryFlag.EXPIRED, token.id(), null, "expired at " + expiresAt));
    }
    if (!expiresAt.isAfter(now.plus(horizon))) {
      return Optional.of(
          finding(InventoryFlag.EXPIRING, token.id(), null, "expires at " + expiresAt));
    }
    return Optional.empty();
  }

  private static void checkSecret(
      SecretToken secret,
      String tokenId,
      Map<String, TokenInfo> byId,
      List<InventoryFinding> into) {
    TokenInfo token = byId.get(tokenId);
    if (token == null) {
      into.add(
          finding(
              InventoryFlag.TOKEN_MISSING,
              tokenId,
              secret,
              "Secret " + secret.path() + " carries a token the registry no longer has"));
    } else if (token.canWrite()) {
      into.add(
          finding(
              InventoryFlag.WRITE_SCOPE_IN_CLUSTER,
              tokenId,
              secret,
              "Secret " + secret.path() + " carries a token that may push or delete"));
    }
  }

  private List<SecretToken> pullSecrets() {
    ListOptions options = ListOptions.all().withFieldSelector("type=" + PullSecret.TYPE);
    return kube.resources(ResourceKind.SECRET).list("", options).stream()
        .filter(this::forRegistry)
        .map(TokenInventory::secretToken)
        .toList();
  }

  private boolean forRegistry(KubeObject secret) {
    if (registryHost.isEmpty()) {
      return true;
    }
    try {
      String data = secret.text("/data/" + PullSecret.DATA_KEY.replace("/", "~1")).orElse("");
      return DockerConfig.parse(Base64.getDecoder().decode(data)).entries().stream()
          .anyMatch(
              entry -> entry.key().replaceFirst("^https?://", "").startsWith(registryHost.get()));
    } catch (DockerAuthException | IllegalArgumentException e) {
      return false;
    }
  }

  private static SecretToken secretToken(KubeObject secret) {
    TokenAnnotations annotations = TokenAnnotations.of(secret.view());
    return new SecretToken(
        secret.namespace(), secret.name(), annotations.tokenId(), annotations.expiresAt());
  }

  private static InventoryFinding finding(
      InventoryFlag flag, String tokenId, SecretToken secret, String message) {
    return new InventoryFinding(
        flag, tokenId, Optional.ofNullable(secret).map(SecretToken::path), message);
  }

  /** Collects the settings of a {@link TokenInventory}. Not thread-safe. */
  public static final class Builder {
    private final KubeClient kube;
    private final TokenSource source;
    private String registry;
    private String registryHost;
    private Duration horizon = Duration.ofDays(14);
    private Clock clock;

    private Builder(KubeClient kube, TokenSource source) {
      this.kube = kube;
      this.source = source;
    }

    /**
     * Sets the registry, as the token source knows it.
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder registry(String registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Considers only pull Secrets with an entry for this registry host; all by default.
     *
     * @param registryHost the host, such as {@code team.cr.de-fra.ionos.com}
     * @return this builder
     */
    public Builder registryHost(String registryHost) {
      this.registryHost = Objects.requireNonNull(registryHost, "registryHost");
      return this;
    }

    /**
     * Sets how far ahead expiring tokens are flagged; 14 days by default.
     *
     * @param horizon zero or positive
     * @return this builder
     */
    public Builder horizon(Duration horizon) {
      Objects.requireNonNull(horizon, "horizon");
      if (horizon.isNegative()) {
        throw new IllegalArgumentException("horizon must not be negative: " + horizon);
      }
      this.horizon = horizon;
      return this;
    }

    /**
     * Sets the clock; the client's clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the inventory.
     *
     * @return the inventory
     * @throws IllegalStateException if the registry is not set
     */
    public TokenInventory build() {
      if (registry == null) {
        throw new IllegalStateException("registry must be set");
      }
      return new TokenInventory(this);
    }
  }
}
