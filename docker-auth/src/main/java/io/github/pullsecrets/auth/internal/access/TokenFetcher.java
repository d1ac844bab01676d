package io.github.pullsecrets.auth.internal.access;

import io.github.pullsecrets.auth.AccessOutcome;
import io.github.pullsecrets.auth.AccessResult;
import io.github.pullsecrets.auth.Entry;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.internal.http.HttpResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Gets registry tokens from the realm of a {@code Bearer} challenge: a GET with Basic credentials
 * ({@code service}, {@code scope}, {@code account}), or the OAuth2 refresh-token POST when the
 * credential holds an identity token; anonymous when it holds nothing.
 */
final class TokenFetcher {

  static final String CLIENT_ID = "pullsecrets";

  private final AccessSettings settings;
  private final Transport transport;
  private final RegistryCredential credential;

  TokenFetcher(AccessSettings settings, Transport transport, RegistryCredential credential) {
    this.settings = settings;
    this.transport = transport;
    this.credential = credential;
  }

  /**
   * Fetches a token.
   *
   * @param challenge the Bearer challenge
   * @param scope the scope, or empty for none (a login check)
   * @param offline whether to ask for a refresh token as {@code docker login} does
   * @param host the registry host, named in failures
   */
  BearerToken fetch(Challenge challenge, String scope, boolean offline, String host) {
    URI realm = realm(challenge, host);
    HttpResult result =
        credential.identityToken().isPresent()
            ? transport.postForm(realm, refreshForm(challenge, scope))
            : transport.send("GET", withQuery(realm, query(challenge, scope, offline)), basic());
    return read(result, Transport.hostOf(realm));
  }

  static String cacheKey(Challenge challenge, String scope) {
    return challenge.parameter("realm").orElse("")
        + " "
        + challenge.parameter("service").orElse("")
        + " "
        + scope;
  }

  Map<String, String> basic() {
    if (anonymous()) {
      return Map.of();
    }
    String pair = Entry.encodeAuth(credential.username(), credential.password());
    return Map.of("Authorization", "Basic " + pair);
  }

  boolean anonymous() {
    return credential.username().isEmpty()
        && credential.password().isEmpty()
        && credential.identityToken().isEmpty();
  }

  private BearerToken read(HttpResult result, String host) {
    if (result.status() == 200) {
      return parse(result, host);
    }
    boolean rejected =
        result.status() == 401
            || result.status() == 403
            || (result.status() == 400 && credential.identityToken().isPresent());
    AccessOutcome outcome =
        rejected ? AccessOutcome.BAD_CREDENTIALS : AccessOutcome.UNEXPECTED_RESPONSE;
    String detail =
        rejected
            ? "the token server at " + host + " rejected the credentials"
            : "the token server at " + host + " answered HTTP " + result.status();
    throw new AccessFailure(
        AccessResult.builder(outcome, host, detail)
            .status(result.status())
            .errorCodes(RegistryErrors.codes(result.body()))
            .build());
  }

  private BearerToken parse(HttpResult result, String host) {
    try {
      return TokenResponses.parse(result.body(), settings.clock().instant());
    } catch (MalformedResponseException e) {
      throw new AccessFailure(
          AccessResult.builder(AccessOutcome.UNEXPECTED_RESPONSE, host, e.getMessage())
              .status(200)
              .build());
    }
  }

  private Map<String, String> query(Challenge challenge, String scope, boolean offline) {
    Map<String, String> query = new LinkedHashMap<>();
    challenge.parameter("service").ifPresent(service -> query.put("service", service));
    if (!scope.isEmpty()) {
      query.put("scope", scope);
    }
    if (!credential.username().isEmpty()) {
      query.put("account", credential.username());
    }
    if (offline) {
      query.put("client_id", CLIENT_ID);
      query.put("offline_token", "true");
    }
    return query;
  }

  private Map<String, String> refreshForm(Challenge challenge, String scope) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", credential.identityToken().orElseThrow());
    form.put("client_id", CLIENT_ID);
    challenge.parameter("service").ifPresent(service -> form.put("service", service));
    if (!scope.isEmpty()) {
      form.put("scope", scope);
    }
    return form;
  }

  private URI realm(Challenge challenge, String host) {
    String realm =
        challenge
            .parameter("realm")
            .orElseThrow(() -> unexpected(host, "the Bearer challenge has no realm"));
    try {
      URI uri = new URI(realm);
      requireAllowedScheme(uri, host);
      return uri;
    } catch (URISyntaxException e) {
      throw unexpected(host, "the Bearer challenge's realm is not a URI");
    }
  }

  private void requireAllowedScheme(URI realm, String host) {
    boolean https = "https".equalsIgnoreCase(realm.getScheme());
    boolean http = "http".equalsIgnoreCase(realm.getScheme());
    if (realm.getHost() == null || !(https || (http && settings.insecure()))) {
      throw unexpected(
          host,
          "the token realm "
              + realm.getScheme()
              + "://"
              + realm.getHost()
              + " is not an https URL; credentials were not sent (plain HTTP only when insecure)");
    }
  }

  private static AccessFailure unexpected(String host, String detail) {
    return new AccessFailure(
        AccessResult.builder(AccessOutcome.UNEXPECTED_RESPONSE, host, detail).build());
  }

  private static URI withQuery(URI realm, Map<String, String> query) {
    StringJoiner joined = new StringJoiner("&");
    query.forEach((name, value) -> addParameter(joined, name, value));
    String separator = realm.getRawQuery() == null ? "?" : "&";
    return URI.create(realm + (query.isEmpty() ? "" : separator + joined));
  }

  /** Adds a parameter; several space-separated scopes become one {@code scope} each. */
  private static void addParameter(StringJoiner joined, String name, String value) {
    if (!name.equals("scope")) {
      joined.add(name + "=" + encode(value));
      return;
    }
    for (String scope : value.split(" ")) {
      joined.add("scope=" + encode(scope));
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
