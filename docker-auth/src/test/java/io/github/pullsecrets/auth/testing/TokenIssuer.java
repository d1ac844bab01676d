package io.github.pullsecrets.auth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The token server of the token-auth registry: HTTPS with the test CA, users from a table, JWTs
 * signed with SHA256withRSA and the signing certificate in {@code x5c}, granting only what the
 * table allows for the requested {@code scope}s. Answers the GET with Basic credentials (or none,
 * for anonymous) and the OAuth2 refresh-token POST; hands out refresh tokens when asked with {@code
 * offline_token=true}. Records every request's method and query for the tests.
 */
public final class TokenIssuer implements AutoCloseable {

  /** The service name the registry is configured with. */
  public static final String SERVICE = "test-registry";

  /** The issuer name the registry is configured with. */
  public static final String ISSUER = "test-issuer";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One right in the user table: resource type, name prefix ("" for all) and actions. */
  public record Grant(String type, String namePrefix, Set<String> actions) {}

  /** One user: password, when the account expires, and the rights. */
  public record User(String password, Instant expiresAt, List<Grant> grants) {}

  private final TestPki pki;
  private final Map<String, User> users;
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpsServer server;
  private volatile long lifetimeSeconds = 300;

  private TokenIssuer(TestPki pki, Map<String, User> users) throws IOException {
    this.pki = pki;
    this.users = Map.copyOf(users);
    this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
    server.createContext("/token", this::handle);
    server.start();
  }

  /** Starts an issuer on a free loopback port. */
  public static TokenIssuer start(TestPki pki, Map<String, User> users) {
    try {
      return new TokenIssuer(pki, users);
    } catch (IOException e) {
      throw new IllegalStateException("could not start the token issuer", e);
    }
  }

  /** Returns the realm URL. */
  public String realm() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** Returns "METHOD query-or-form" of every request so far, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Sets the {@code expires_in} of tokens issued from now on. */
  public void lifetimeSeconds(long seconds) {
    this.lifetimeSeconds = seconds;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean post = exchange.getRequestMethod().equals("POST");
      String parameters =
          post
              ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
              : String.valueOf(exchange.getRequestURI().getRawQuery());
      requests.add(exchange.getRequestMethod() + " " + redactRefresh(parameters));
      Map<String, List<String>> form = parse(parameters);
      String subject = post ? refreshSubject(form) : basicSubject(exchange);
      if (subject == null) {
        reply(
            exchange,
            401,
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\","
                + "\"message\":\"invalid username or password\"}]}");
        return;
      }
      reply(exchange, 200, JSON.writeValueAsString(tokenResponse(subject, form)));
    }
  }

  private String basicSubject(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null) {
      return "";
    }
    if (!header.startsWith("Basic ")) {
      return null;
    }
    String pair =
        new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    String name = pair.substring(0, Math.max(colon, 0));
    User user = users.get(name);
    boolean valid =
        colon > 0
            && user != null
            && user.password().equals(pair.substring(colon + 1))
            && Instant.now().isBefore(user.expiresAt());
    return valid ? name : null;
  }

  private String refreshSubject(Map<String, List<String>> form) {
    if (!form.getOrDefault("grant_type", List.of()).contains("refresh_token")) {
      return null;
    }
    return refreshTokens.get(first(form, "refresh_token"));
  }

  private ObjectNode tokenResponse(String subject, Map<String, List<String>> form) {
    Instant now = Instant.now();
    String token = jwt(subject, first(form, "service"), access(subject, form), now);
    ObjectNode response =
        JSON.createObjectNode()
            .put("token", token)
            .put("access_token", token)
            .put("expires_in", lifetimeSeconds)
            .put("issued_at", now.toString());
    if ("true".equals(first(form, "offline_token")) && !subject.isEmpty()) {
      String refresh = "refresh-" + UUID.randomUUID();
      refreshTokens.put(refresh, subject);
      response.put("refresh_token", refresh);
    }
    return response;
  }

  private ArrayNode access(String subject, Map<String, List<String>> form) {
    ArrayNode access = JSON.createArrayNode();
    for (String scopes : form.getOrDefault("scope", List.of())) {
      for (String scope : scopes.split(" ")) {
        grant(subject, scope).ifPresent(access::add);
      }
    }
    return access;
  }

  private java.util.Optional<ObjectNode> grant(String subject, String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first < 0 || last <= first) {
      return java.util.Optional.empty();
    }
    String type = scope.substring(0, first);
    String name = scope.substring(first + 1, last);
    Set<String> allowed = new LinkedHashSet<>();
    User user = users.get(subject);
    for (Grant grant : user == null ? List.<Grant>of() : user.grants()) {
      if (grant.type().equals(type) && name.startsWith(grant.namePrefix())) {
        for (String action : scope.substring(last + 1).split(",")) {
          if (grant.actions().contains(action)) {
            allowed.add(action);
          }
        }
      }
    }
    ObjectNode entry = JSON.createObjectNode().put("type", type).put("name", name);
    allowed.forEach(entry.putArray("actions")::add);
    return java.util.Optional.of(entry);
  }

  private String jwt(String subject, String service, ArrayNode access, Instant now) {
    try {
      ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
      header
          .putArray("x5c")
          .add(Base64.getEncoder().encodeToString(pki.tokenCertificate().getEncoded()));
      ObjectNode claims =
          JSON.createObjectNode()
              .put("iss", ISSUER)
              .put("sub", subject)
              .put("aud", service)
              .put("exp", now.getEpochSecond() + lifetimeSeconds)
              .put("nbf", now.getEpochSecond() - 10)
              .put("iat", now.getEpochSecond())
              .put("jti", UUID.randomUUID().toString());
      claims.set("access", access);
      String signed =
          base64Url(JSON.writeValueAsBytes(header))
              + "."
              + base64Url(JSON.writeValueAsBytes(claims));
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(pki.tokenKey());
      signature.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + base64Url(signature.sign());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not sign a token", e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Map<String, List<String>> parse(String parameters) {
    Map<String, List<String>> values = new ConcurrentHashMap<>();
    if (parameters == null || parameters.isEmpty() || parameters.equals("null")) {
      return values;
    }
    for (String pair : parameters.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return values;
  }

  private static String first(Map<String, List<String>> values, String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? "" : list.get(0);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String redactRefresh(String parameters) {
    return parameters.replaceAll("refresh_token=[^&]*", "refresh_token=<redacted>");
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
