package io.github.pullsecrets.auth.internal.access;

import io.github.pullsecrets.auth.AccessOutcome;
import io.github.pullsecrets.auth.AccessResult;
import io.github.pullsecrets.auth.NoAccessReason;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.internal.http.HttpResult;
import io.github.pullsecrets.auth.internal.http.RequestBody;
import io.github.pullsecrets.auth.internal.http.StreamedResult;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code /v2/} handshake for one credential: ping without credentials, answer the Basic or
 * Bearer challenge (tokens cached per scope, refetched once when a cached one is refused), and read
 * each response into an {@link AccessResult}. Thread-safe.
 */
public final class AccessClient {

  /** The four manifest media types a pull check accepts, as container runtimes send them. */
  public static final String MANIFEST_TYPES =
      String.join(
          ", ",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.docker.distribution.manifest.v2+json");

  private final AccessSettings settings;
  private final Transport transport;
  private final TokenCache tokens;
  private final TokenFetcher fetcher;
  private final Map<String, Optional<Challenge>> pinged = new ConcurrentHashMap<>();

  /**
   * Creates a client for one credential.
   *
   * @param settings the configuration
   * @param tokens the token cache, shared by the checks of one credential
   * @param credential the credential sent to registries and token servers
   */
  public AccessClient(AccessSettings settings, TokenCache tokens, RegistryCredential credential) {
    this.settings = settings;
    this.transport = new Transport(settings);
    this.tokens = tokens;
    this.fetcher = new TokenFetcher(settings, transport, credential);
  }

  /**
   * Checks the credential as {@code docker login} does: ping, then Basic on {@code /v2/} or a token
   * request without scope, asking for a refresh token.
   *
   * @param host the registry host
   * @return the result and the refresh token the token server issued, if any
   */
  public Verification verify(String host) {
    try {
      return pinged(host)
          .map(c -> verify(host, c))
          .orElseGet(
              () ->
                  new Verification(
                      ok(host, "the registry answers /v2/ without credentials; nothing to verify"),
                      ""));
    } catch (AccessFailure failure) {
      return new Verification(failure.result(), "");
    }
  }

  /**
   * Checks that the credential can pull a manifest, by {@code HEAD} with all manifest types.
   *
   * @param host the registry API host
   * @param repository the repository path
   * @param reference a tag or digest
   * @return the result, with digest and media type when OK
   */
  public AccessResult canPull(String host, String repository, String reference) {
    URI uri = uri(host, "/v2/" + repository + "/manifests/" + reference);
    return run(
        () ->
            readManifest(
                host,
                exchange(
                    host, pullScope(repository), "HEAD", uri, Map.of("Accept", MANIFEST_TYPES))));
  }

  /**
   * Checks that the credential can push, by starting a blob upload and cancelling it.
   *
   * @param host the registry API host
   * @param repository the repository path
   * @return the result
   */
  public AccessResult canPush(String host, String repository) {
    URI uri = uri(host, "/v2/" + repository + "/blobs/uploads/");
    String scope = "repository:" + repository + ":pull,push";
    return run(() -> cancelUpload(host, repository, exchange(host, scope, "POST", uri, Map.of())));
  }

  /**
   * Lists the tags of a repository, following {@code Link} pages.
   *
   * @param host the registry API host
   * @param repository the repository path
   * @return the tags and the result
   */
  public io.github.pullsecrets.auth.Listing tags(String host, String repository) {
    return new Pages(this, host, pullScope(repository), "tags")
        .list(uri(host, "/v2/" + repository + "/tags/list?n=" + settings.pageSize()));
  }

  /**
   * Lists the repositories of a registry, following {@code Link} pages.
   *
   * @param host the registry API host
   * @return the repository names and the result
   */
  public io.github.pullsecrets.auth.Listing catalog(String host) {
    return new Pages(this, host, "registry:catalog:*", "repositories")
        .list(uri(host, "/v2/_catalog?n=" + settings.pageSize()));
  }

  URI uri(String host, String pathAndQuery) {
    return URI.create(settings.scheme() + "://" + host + pathAndQuery);
  }

  Exchange exchange(String host, String scope, String method, URI uri, Map<String, String> h) {
    return exchange(host, scope, new Request(method, uri, h, null));
  }

  /**
   * Sends an authorised request with a streamed body, answering the registry's challenge for a
   * scope as every other request does.
   *
   * @param host the registry API host
   * @param scope the token scope, such as {@code repository:team/app:pull,push}
   * @param method the HTTP method
   * @param uri the request URI
   * @param headers the request's own headers
   * @param body the body, or {@code null} for none
   * @return the response and how it was authorised
   */
  Exchange exchange(
      String host,
      String scope,
      String method,
      URI uri,
      Map<String, String> headers,
      RequestBody body) {
    return exchange(host, scope, new Request(method, uri, headers, body));
  }

  /**
   * Sends an authorised GET and leaves a successful response's body open.
   *
   * @param host the registry API host
   * @param scope the token scope
   * @param uri the request URI
   * @param headers the request's own headers
   * @return the response; the caller closes it
   */
  StreamedResult open(String host, String scope, URI uri, Map<String, String> headers) {
    Optional<Challenge> challenge = pinged(host);
    if (challenge.isEmpty() || !challenge.get().bearer()) {
      Map<String, String> auth = challenge.isEmpty() ? Map.of() : fetcher.basic();
      return transport.open(uri, new Request("GET", uri, headers, null).with(auth));
    }
    String key = TokenFetcher.cacheKey(challenge.get(), scope);
    Optional<BearerToken> cached = tokens.get(key);
    StreamedResult result = openWithToken(challenge.get(), host, scope, uri, headers, cached);
    if (result.status() != 401 || cached.isEmpty()) {
      return result;
    }
    tokens.remove(key);
    return openWithToken(challenge.get(), host, scope, uri, headers, Optional.empty());
  }

  /**
   * Opens a URI a registry redirected a blob download to, without sending credentials: the target
   * is another host, such as a storage service with a signed URL.
   *
   * @param uri the redirect target
   * @return the response; the caller closes it
   */
  StreamedResult openRedirect(URI uri) {
    return transport.open(uri, Map.of());
  }

  /**
   * Describes a refused or failed response as an access result.
   *
   * @param host the registry API host
   * @param exchange the exchange
   * @return the result, with the registry's error codes
   */
  AccessResult failure(String host, Exchange exchange) {
    return failure(host, exchange, RegistryErrors.codes(exchange.result().body()));
  }

  private StreamedResult openWithToken(
      Challenge challenge,
      String host,
      String scope,
      URI uri,
      Map<String, String> headers,
      Optional<BearerToken> cached) {
    BearerToken token = cached.orElseGet(() -> fetchAndCache(challenge, host, scope));
    Request request = new Request("GET", uri, headers, null);
    return transport.open(uri, request.with(Map.of("Authorization", token.authorization())));
  }

  private Exchange exchange(String host, String scope, Request request) {
    Optional<Challenge> challenge = pinged(host);
    if (challenge.isEmpty()) {
      HttpResult result = request.send(transport, request.headers);
      boolean retry = result.status() == 401 && request.resendable();
      challenge = retry ? usable(host, result) : Optional.empty();
      if (challenge.isEmpty()) {
        return new Exchange(request.uri, result, null, request.headers, false);
      }
    }
    return answer(challenge.get(), host, scope, request);
  }

  AccessResult failure(String host, Exchange exchange, List<String> codes) {
    int status = exchange.status();
    if (status == 401) {
      return unauthorized(host, exchange, codes);
    }
    if (status == 403) {
      return noAccess(
          host, status, NoAccessReason.FORBIDDEN, codes, "the registry refused access (403)");
    }
    AccessOutcome outcome =
        status == 404 ? AccessOutcome.NOT_FOUND : AccessOutcome.UNEXPECTED_RESPONSE;
    String detail =
        status == 404
            ? "not found: " + exchange.uri().getRawPath()
            : "unexpected HTTP " + status + " for " + exchange.uri().getRawPath();
    return AccessResult.builder(outcome, host, detail).status(status).errorCodes(codes).build();
  }

  static AccessResult run(java.util.function.Supplier<AccessResult> check) {
    try {
      return check.get();
    } catch (AccessFailure failure) {
      return failure.result();
    }
  }

  private Verification verify(String host, Challenge challenge) {
    if (challenge.basic()) {
      Exchange exchange =
          answer(challenge, host, "", new Request("GET", uri(host, "/v2/"), Map.of(), null));
      return new Verification(pingResult(host, exchange), "");
    }
    BearerToken token = fetcher.fetch(challenge, "", true, host);
    HttpResult result =
        transport.send("GET", uri(host, "/v2/"), Map.of("Authorization", token.authorization()));
    Exchange exchange = new Exchange(uri(host, "/v2/"), result, challenge, Map.of(), true);
    return new Verification(pingResult(host, exchange), token.refreshToken().orElse(""));
  }

  private AccessResult pingResult(String host, Exchange exchange) {
    if (exchange.status() == 200) {
      return ok(host, "the registry accepted the credentials");
    }
    List<String> codes = RegistryErrors.codes(exchange.result().body());
    if (exchange.status() == 401 && exchange.challenge().map(Challenge::basic).orElse(false)) {
      return AccessResult.builder(
              AccessOutcome.BAD_CREDENTIALS, host, "the registry rejected the credentials")
          .status(401)
          .errorCodes(codes)
          .build();
    }
    return failure(host, exchange, codes);
  }

  private Exchange answer(Challenge challenge, String host, String scope, Request request) {
    if (!challenge.bearer()) {
      Map<String, String> headers = request.with(fetcher.basic());
      return new Exchange(request.uri, request.send(transport, headers), challenge, headers, false);
    }
    String key = TokenFetcher.cacheKey(challenge, scope);
    Optional<BearerToken> cached = tokens.get(key);
    Exchange exchange = withToken(challenge, host, scope, request, cached);
    if (exchange.status() == 401 && cached.isPresent() && request.resendable()) {
      tokens.remove(key);
      return withToken(challenge, host, scope, request, Optional.empty());
    }
    return exchange;
  }

  private Exchange withToken(
      Challenge challenge,
      String host,
      String scope,
      Request request,
      Optional<BearerToken> cached) {
    BearerToken token = cached.orElseGet(() -> fetchAndCache(challenge, host, scope));
    Map<String, String> headers = request.with(Map.of("Authorization", token.authorization()));
    HttpResult result = request.send(transport, headers);
    return new Exchange(request.uri, result, challenge, headers, cached.isEmpty());
  }

  private BearerToken fetchAndCache(Challenge challenge, String host, String scope) {
    BearerToken token = fetcher.fetch(challenge, scope, false, host);
    tokens.put(TokenFetcher.cacheKey(challenge, scope), token);
    return token;
  }

  private Optional<Challenge> pinged(String host) {
    Optional<Challenge> known = pinged.get(host);
    if (known != null) {
      return known;
    }
    Optional<Challenge> challenge = ping(host);
    pinged.put(host, challenge);
    return challenge;
  }

  private Optional<Challenge> ping(String host) {
    HttpResult result = transport.send("GET", uri(host, "/v2/"), Map.of());
    if (result.status() == 200) {
      return Optional.empty();
    }
    if (result.status() == 401) {
      return usable(host, result)
          .or(
              () -> {
                throw unexpected(host, result, "401 on /v2/ without a Basic or Bearer challenge");
              });
    }
    throw unexpected(
        host, result, "GET /v2/ answered HTTP " + result.status() + "; not a registry v2 API");
  }

  private Optional<Challenge> usable(String host, HttpResult result) {
    List<Challenge> challenges = challenges(host, result);
    return Challenges.first(challenges, "bearer").or(() -> Challenges.first(challenges, "basic"));
  }

  static List<Challenge> challenges(String host, HttpResult result) {
    try {
      return Challenges.parse(result.headers().allValues("WWW-Authenticate"));
    } catch (MalformedResponseException e) {
      throw new AccessFailure(
          AccessResult.builder(AccessOutcome.UNEXPECTED_RESPONSE, host, e.getMessage())
              .status(result.status())
              .build());
    }
  }

  private AccessResult readManifest(String host, Exchange exchange) {
    if (exchange.status() == 200) {
      return manifestFound(host, exchange.result());
    }
    return failure(host, exchange, errorCodesByGet(exchange));
  }

  private List<String> errorCodesByGet(Exchange exchange) {
    if (exchange.status() == 401) {
      return List.of();
    }
    return RegistryErrors.codes(transport.send("GET", exchange.uri(), exchange.headers()).body());
  }

  private AccessResult manifestFound(String host, HttpResult result) {
    AccessResult.Builder ok =
        AccessResult.builder(AccessOutcome.OK, host, "the registry serves the manifest")
            .status(200);
    Optional<String> digest = result.header("Docker-Content-Digest");
    Optional<String> type = result.header("Content-Type");
    if (digest.isPresent() && type.isPresent()) {
      ok.manifest(digest.get(), type.get());
    }
    return ok.build();
  }

  private AccessResult cancelUpload(String host, String repository, Exchange exchange) {
    if (exchange.status() != 202) {
      return failure(host, exchange, RegistryErrors.codes(exchange.result().body()));
    }
    Optional<String> location = exchange.result().header("Location");
    if (location.isEmpty()) {
      throw unexpected(host, exchange.result(), "blob upload started without a Location");
    }
    URI upload = exchange.uri().resolve(location.get());
    if (!Transport.hostOf(upload).equals(host)) {
      return ok(host, "push allowed; the upload at another host was left to expire");
    }
    int cancelled = cancel(host, repository, upload, exchange.headers());
    return AccessResult.builder(AccessOutcome.OK, host, pushDetail(cancelled)).status(202).build();
  }

  private static String pushDetail(int cancelStatus) {
    if ((cancelStatus >= 200 && cancelStatus < 300) || cancelStatus == 404) {
      return "push allowed: a blob upload was started and cancelled";
    }
    if (cancelStatus == 0) {
      return "push allowed; cancelling the blob upload failed, so it stays until it expires";
    }
    return "push allowed; the registry refused to cancel the blob upload (HTTP "
        + cancelStatus
        + "), so it stays until it expires";
  }

  /**
   * Deletes an upload with the authorisation that started it and, when that is refused, with a
   * token for the {@code delete} action, which distribution registries require; returns the status,
   * or 0 when the request or that token failed.
   */
  private int cancel(String host, String repository, URI upload, Map<String, String> headers) {
    try {
      HttpResult result = transport.send("DELETE", upload, headers);
      boolean bearer = headers.getOrDefault("Authorization", "").startsWith("Bearer ");
      if (result.status() != 401 || !bearer) {
        return result.status();
      }
      String scope = "repository:" + repository + ":delete";
      return exchange(host, scope, "DELETE", upload, Map.of()).status();
    } catch (AccessFailure failure) {
      return 0;
    }
  }

  private AccessResult unauthorized(String host, Exchange exchange, List<String> codes) {
    boolean insufficient =
        challenges(host, exchange.result()).stream().anyMatch(Challenge::insufficientScope);
    if (insufficient) {
      return noAccess(
          host,
          401,
          NoAccessReason.INSUFFICIENT_SCOPE,
          codes,
          "the credential is valid but its token does not grant this (insufficient_scope)");
    }
    if (exchange.challenge().map(Challenge::bearer).orElse(false)) {
      return noAccess(
          host,
          401,
          NoAccessReason.REJECTED_FRESH_TOKEN,
          codes,
          "the registry refused a token fetched just before the request");
    }
    String detail =
        fetcher.anonymous()
            ? "the registry requires credentials"
            : "the registry rejected the credentials";
    return AccessResult.builder(AccessOutcome.BAD_CREDENTIALS, host, detail)
        .status(401)
        .errorCodes(codes)
        .build();
  }

  private static AccessResult noAccess(
      String host, int status, NoAccessReason reason, List<String> codes, String detail) {
    return AccessResult.builder(AccessOutcome.NO_ACCESS, host, detail)
        .status(status)
        .noAccessReason(reason)
        .errorCodes(codes)
        .build();
  }

  private static AccessResult ok(String host, String detail) {
    return AccessResult.builder(AccessOutcome.OK, host, detail).build();
  }

  private static AccessFailure unexpected(String host, HttpResult result, String detail) {
    return new AccessFailure(
        AccessResult.builder(AccessOutcome.UNEXPECTED_RESPONSE, host, detail)
            .status(result.status())
            .errorCodes(RegistryErrors.codes(result.body()))
            .build());
  }

  private static String pullScope(String repository) {
    return "repository:" + repository + ":pull";
  }

  /** A request before authorisation: method, URI, its own headers and body ({@code null}: none). */
  private static final class Request {
    final String method;
    final URI uri;
    final Map<String, String> headers;
    final RequestBody body;

    Request(String method, URI uri, Map<String, String> headers, RequestBody body) {
      this.method = method;
      this.uri = uri;
      this.headers = headers;
      this.body = body;
    }

    /** Returns whether the request may be sent again: no body, or one that can be reopened. */
    boolean resendable() {
      return body == null || body.repeatable();
    }

    HttpResult send(Transport transport, Map<String, String> allHeaders) {
      return body == null
          ? transport.send(method, uri, allHeaders)
          : transport.send(method, uri, allHeaders, body);
    }

    Map<String, String> with(Map<String, String> more) {
      Map<String, String> all = new HashMap<>(headers);
      all.putAll(more);
      return all;
    }
  }

  /**
   * The result of a login check and the refresh token issued with it.
   *
   * @param result the result
   * @param refreshToken the refresh (identity) token, or an empty string for none
   */
  public record Verification(AccessResult result, String refreshToken) {

    /** Shows the result only; never the refresh token. */
    @Override
    public String toString() {
      return "Verification{" + result + "}";
    }
  }
}
