package io.github.pullsecrets.registry.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.registry.ContainerRegistryException;
import io.github.pullsecrets.registry.IssuedToken;
import io.github.pullsecrets.registry.RegistryConnectionException;
import io.github.pullsecrets.registry.ReplacedToken;
import io.github.pullsecrets.registry.ResourceConflictException;
import io.github.pullsecrets.registry.Token;
import io.github.pullsecrets.registry.TokenSpec;
import io.github.pullsecrets.registry.TokenUpdate;
import io.github.pullsecrets.registry.Tokens;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** {@link Tokens} of one registry over the management API. */
public final class TokenOperations implements Tokens {

  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.registry");
  private static final String PAGE_SIZE = "100";
  private static final Duration MIN_LIFETIME = Duration.ofHours(1);

  /** A gateway answered instead of the API: the token may or may not have been made. */
  private static final Set<Integer> GATEWAY_FAILURES = Set.of(502, 504);

  private final ApiClient api;
  private final String registryId;
  private final Supplier<String> hostname;

  /**
   * Creates the operations.
   *
   * @param api the API client
   * @param registryId the registry id, a UUID
   * @param hostname supplies the registry's login server, read only when a password arrives
   */
  public TokenOperations(ApiClient api, String registryId, Supplier<String> hostname) {
    this.api = api;
    this.registryId = Ids.requireUuid(registryId, "registryId");
    this.hostname = hostname;
  }

  @Override
  public IssuedToken create(TokenSpec spec) {
    ObjectNode body = body(spec);
    String server = hostname.get();
    Instant sent = api.clock().instant();
    ApiClient.Exchange exchange;
    try {
      exchange = api.exchange("POST", tokensPath(), Map.of(), body);
    } catch (RegistryConnectionException lost) {
      return recover(new LostCreate(spec, body, server, sent), lost);
    }
    if (GATEWAY_FAILURES.contains(exchange.status())) {
      return recover(new LostCreate(spec, body, server, sent), exchange.failure());
    }
    return issued(exchange.json(api.mapper()), server, IssuedToken.Recovery.NONE);
  }

  @Override
  public ReplacedToken replace(String tokenId, TokenSpec spec) {
    JsonView json = api.call("PUT", tokenPath(tokenId), Map.of(), body(spec));
    Token token = Convert.token(json);
    Optional<RegistryCredential> credential =
        password(json)
            .map(password -> RegistryCredential.of(hostname.get(), token.username(), password));
    return new ReplacedToken(token, credential);
  }

  @Override
  public Token get(String tokenId) {
    return Convert.token(api.get(tokenPath(tokenId), Map.of()));
  }

  @Override
  public Optional<Token> findByName(String name) {
    Ids.requireText(name, "name");
    try (Stream<Token> tokens = list()) {
      return tokens.filter(token -> token.name().equals(name)).findFirst();
    }
  }

  @Override
  public Stream<Token> list() {
    return Pages.stream(this::page, Token::id, "GET " + tokensPath());
  }

  @Override
  public Token update(String tokenId, TokenUpdate update) {
    ObjectNode body = api.newObject();
    update.status().ifPresent(status -> body.put("status", status.wireValue()));
    update.expiresAt().ifPresent(expiry -> body.put("expiryDate", expiry(expiry)));
    update.scopes().ifPresent(scopes -> Convert.scopesJson(body, scopes));
    return Convert.token(api.call("PATCH", tokenPath(tokenId), Map.of(), body));
  }

  @Override
  public void delete(String tokenId) {
    api.callWithoutResult("DELETE", tokenPath(tokenId));
  }

  private IssuedToken recover(LostCreate create, ContainerRegistryException lost) {
    if (lost.getCause() instanceof InterruptedException) {
      throw lost;
    }
    LOGGER.log(
        Level.WARNING,
        () ->
            lost.getMessage()
                + "; looking up token '"
                + create.spec().name()
                + "' to decide whether to create it again");
    try {
      IssuedToken.Recovery recovery = removeOrphan(create, lost);
      JsonView json =
          api.exchange("POST", tokensPath(), Map.of(), create.body()).json(api.mapper());
      return issued(json, create.server(), recovery);
    } catch (RuntimeException e) {
      if (e != lost) {
        e.addSuppressed(lost);
      }
      throw e;
    }
  }

  private IssuedToken.Recovery removeOrphan(LostCreate create, ContainerRegistryException lost) {
    Optional<Token> orphan = findByName(create.spec().name());
    if (orphan.isEmpty()) {
      return IssuedToken.Recovery.RESENT_AFTER_LOST_RESPONSE;
    }
    Token token = orphan.get();
    if (create.predates(token)) {
      throw new ResourceConflictException(
          lost.method(),
          lost.path(),
          409,
          List.of(),
          "",
          "token '"
              + token.name()
              + "' ("
              + token.id()
              + ") existed before this request; "
              + "it is left alone and no new token was made");
    }
    LOGGER.log(
        Level.WARNING,
        () ->
            "token '"
                + token.name()
                + "' ("
                + token.id()
                + ") was created but its password was lost; deleting it to create it again");
    delete(token.id());
    return IssuedToken.Recovery.RECREATED_AFTER_LOST_RESPONSE;
  }

  private IssuedToken issued(JsonView json, String server, IssuedToken.Recovery recovery) {
    Token token = Convert.token(json);
    String password =
        password(json)
            .orElseThrow(() -> json.context().malformed("the create response carries no password"));
    return new IssuedToken(
        token, RegistryCredential.of(server, token.username(), password), recovery);
  }

  private static Optional<String> password(JsonView json) {
    return json.object("properties")
        .optObject("credentials")
        .flatMap(credentials -> credentials.optNonEmptyText("password"));
  }

  private Pages.Page<Token> page(String cursor) {
    long offset = cursor.isEmpty() ? 0 : Long.parseLong(cursor);
    JsonView json = api.get(tokensPath(), ApiClient.offsetQuery(offset, PAGE_SIZE));
    List<Token> items = json.map("items", Convert::token);
    long reached = offset + items.size();
    boolean more = !items.isEmpty() && reached < json.longValue("total", 0);
    return new Pages.Page<>(items, more ? Long.toString(reached) : "");
  }

  private ObjectNode body(TokenSpec spec) {
    if (spec.scopes().isEmpty()) {
      throw new IllegalArgumentException("spec has no scope: add one, e.g. Scope.pullAll()");
    }
    ObjectNode body = api.newObject();
    ObjectNode properties = body.putObject("properties");
    properties.put("name", spec.name());
    spec.expiresAt().ifPresent(expiry -> properties.put("expiryDate", expiry(expiry)));
    properties.put("status", spec.status().wireValue());
    Convert.scopesJson(properties, spec.scopes());
    return body;
  }

  private String expiry(Instant expiresAt) {
    Instant earliest = api.clock().instant().plus(MIN_LIFETIME);
    if (expiresAt.isBefore(earliest)) {
      throw new IllegalArgumentException(
          "expiresAt must be at least one hour ahead: " + expiresAt + " is before " + earliest);
    }
    return Times.format(expiresAt);
  }

  /** A create request whose response was lost, and when it was sent. */
  private record LostCreate(TokenSpec spec, ObjectNode body, String server, Instant sent) {

    /** Tolerated difference between the API's clock and ours. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Returns whether the token was created well before this request, so it is not ours. */
    boolean predates(Token token) {
      return token
          .metadata()
          .createdDate()
          .filter(created -> created.isBefore(sent.minus(CLOCK_SKEW)))
          .isPresent();
    }
  }

  private String tokensPath() {
    return ApiClient.path("registries", registryId, "tokens");
  }

  private String tokenPath(String tokenId) {
    return ApiClient.path("registries", registryId, "tokens", Ids.requireUuid(tokenId, "tokenId"));
  }
}
