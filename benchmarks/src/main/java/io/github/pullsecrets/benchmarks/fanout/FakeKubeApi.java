package io.github.pullsecrets.benchmarks.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-memory stand-in for the part of the Kubernetes API a pull Secret fan-out uses, over
 * HTTP/1.1 on 127.0.0.1, with a fixed delay before every response to stand in for the network.
 *
 * <p>Served: {@code /version}, discovery ({@code /api}, {@code /apis}, {@code /api/v1}, {@code
 * /apis/apps/v1}, bodies from the recorded transcripts 01, 49 and 50), the namespace list with
 * {@code limit}/{@code continue} (items shaped like transcript 03), Secrets (GET, server-side apply
 * as in 15-17: 201 on create, 200 with an unchanged resourceVersion on a no-op, cluster-wide list
 * with a {@code metadata.name} field selector) and ServiceAccounts (GET, JSON patch with {@code
 * test} as in 33-35, strategic merge and merge patch replacing the atomic {@code imagePullSecrets}
 * list as in 32, cluster-wide list). Every namespace has a ServiceAccount {@code default} without
 * pull secrets, as kube-controller-manager creates it. Writes are kept, so re-runs see them.
 *
 * <p>Counts requests, request bytes (request line, headers and body) and response bytes per method
 * and path shape.
 */
final class FakeKubeApi implements AutoCloseable {

  static {
    // Without it the JDK server leaves Nagle on, and each response waits for a delayed ACK (~40
    // ms).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String CORE = "/api/v1/";

  /** A control path, neither delayed nor counted: the traffic so far, as JSON. */
  static final String SNAPSHOT = "/_bench/traffic";

  private final HttpServer server;
  private final ExecutorService executor;
  private final long latencyMillis;
  private final List<String> namespaces;
  private final Map<String, ObjectNode> secrets = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> accounts = new ConcurrentSkipListMap<>();
  private final AtomicLong resourceVersion = new AtomicLong(1000);
  private final Map<String, Traffic> traffic = new ConcurrentHashMap<>();

  /** Requests, bytes sent and bytes received for one method and path shape. */
  static final class Traffic {
    final LongAdder requests = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
  }

  /**
   * Starts a server with namespaces {@code team-00000}... (listed) and {@code warm-00000}... (not
   * listed, for warm-up runs), each with a ServiceAccount {@code default}.
   */
  FakeKubeApi(int namespaceCount, long latencyMillis, int warmupCount) throws IOException {
    this.latencyMillis = latencyMillis;
    this.namespaces = new ArrayList<>();
    for (int i = 0; i < namespaceCount; i++) {
      String namespace = String.format("team-%05d", i);
      namespaces.add(namespace);
      accounts.put(namespace, serviceAccount(namespace));
    }
    for (int i = 0; i < warmupCount; i++) {
      String namespace = String.format("warm-%05d", i);
      accounts.put(namespace, serviceAccount(namespace));
    }
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    this.executor = Executors.newFixedThreadPool(96);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<String> namespaces() {
    return List.copyOf(namespaces);
  }

  Map<String, Traffic> traffic() {
    return new TreeMap<>(traffic);
  }

  void resetTraffic() {
    traffic.clear();
  }

  /** Returns the stored Secret or ServiceAccount, for checking that each client did its job. */
  JsonNode secret(String namespace, String name) {
    return secrets.get(namespace + "/" + name);
  }

  JsonNode serviceAccount(String namespace, String name) {
    return name.equals("default") ? accounts.get(namespace) : null;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().equals(SNAPSHOT)) {
        snapshot(exchange);
        return;
      }
      Response response = route(exchange, body);
      pause();
      byte[] bytes = response.body == null ? new byte[0] : response.body;
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
      count(exchange, body.length, bytes.length);
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private void snapshot(HttpExchange exchange) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    traffic()
        .forEach(
            (key, t) ->
                node.putArray(key)
                    .add(t.requests.sum())
                    .add(t.bytesOut.sum())
                    .add(t.bytesIn.sum()));
    byte[] bytes = bytes(node);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void pause() {
    if (latencyMillis > 0) {
      try {
        Thread.sleep(latencyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void count(HttpExchange exchange, int bodyBytes, int responseBytes) {
    String method = exchange.getRequestMethod();
    URI uri = exchange.getRequestURI();
    long headerBytes = method.length() + uri.toString().length() + 11L;
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      for (String value : header.getValue()) {
        headerBytes += header.getKey().length() + value.length() + 4;
      }
    }
    Traffic t = traffic.computeIfAbsent(method + " " + shape(uri.getPath()), k -> new Traffic());
    t.requests.increment();
    t.bytesOut.add(headerBytes + bodyBytes);
    t.bytesIn.add(responseBytes);
  }

  /** Replaces namespace and object names in a path by placeholders. */
  static String shape(String path) {
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length; i++) {
      if (i > 0 && parts[i - 1].equals("namespaces") && i + 1 < parts.length) {
        parts[i] = "{ns}";
      } else if (i > 1 && i == parts.length - 1 && parts[i - 2].equals("{ns}")) {
        parts[i] = "{name}";
      }
    }
    return String.join("/", parts);
  }

  private record Response(int status, byte[] body) {}

  private Response route(HttpExchange exchange, byte[] body) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    switch (path) {
      case "/version":
        return ok(resource("version.json"));
      case "/api":
        return ok(apiVersions());
      case "/apis":
        return ok(apiGroups());
      case "/api/v1":
        return ok(resource("api-v1.json"));
      case "/apis/apps/v1":
        return ok(resource("apis-apps-v1.json"));
      case "/api/v1/namespaces":
        return ok(namespaceList(query));
      case "/api/v1/secrets":
        return ok(list("SecretList", secrets, query));
      case "/api/v1/serviceaccounts":
        return ok(list("ServiceAccountList", accounts, query));
      default:
        return object(method, path, query, contentType, body);
    }
  }

  private Response object(
      String method, String path, Map<String, String> query, String contentType, byte[] body) {
    String[] parts = path.substring(CORE.length()).split("/");
    if (!path.startsWith(CORE + "namespaces/") || parts.length != 4) {
      return status(404, "NotFound", "the server could not find the requested resource");
    }
    String namespace = parts[1];
    String name = parts[3];
    if (!accounts.containsKey(namespace)) {
      return status(404, "NotFound", "namespaces \"" + namespace + "\" not found");
    }
    if (parts[2].equals("secrets")) {
      return secret(method, namespace, name, contentType, body);
    }
    if (parts[2].equals("serviceaccounts")) {
      return account(method, namespace, name, contentType, body);
    }
    return status(404, "NotFound", "the server could not find the requested resource");
  }

  private Response secret(
      String method, String namespace, String name, String contentType, byte[] body) {
    String key = namespace + "/" + name;
    if (method.equals("GET")) {
      ObjectNode secret = secrets.get(key);
      return secret == null ? notFound("secrets", name) : ok(secret);
    }
    if (method.equals("PATCH") && contentType.startsWith("application/apply-patch")) {
      synchronized (secrets) {
        ObjectNode current = secrets.get(key);
        ObjectNode applied = SecretApply.apply(current, tree(body), namespace, nextVersion());
        secrets.put(key, applied);
        return new Response(current == null ? 201 : 200, bytes(applied));
      }
    }
    return status(405, "MethodNotAllowed", method + " " + contentType + " is not served here");
  }

  private Response account(
      String method, String namespace, String name, String contentType, byte[] body) {
    ObjectNode account = name.equals("default") ? accounts.get(namespace) : null;
    if (account == null) {
      return notFound("serviceaccounts", name);
    }
    if (method.equals("GET")) {
      return ok(account);
    }
    if (!method.equals("PATCH")) {
      return status(405, "MethodNotAllowed", method + " is not served here");
    }
    synchronized (accounts) {
      ObjectNode current = accounts.get(namespace);
      ObjectNode patched;
      try {
        patched = Patches.apply(current, contentType, tree(body));
      } catch (IllegalArgumentException e) {
        return status(
            422, "Invalid", "the server rejected our request due to an error in our" + " request");
      }
      if (!patched.equals(current)) {
        ((ObjectNode) patched.get("metadata")).put("resourceVersion", nextVersion());
        accounts.put(namespace, patched);
      }
      return ok(patched);
    }
  }

  private String nextVersion() {
    return Long.toString(resourceVersion.incrementAndGet());
  }

  private static JsonNode tree(byte[] body) {
    try {
      JsonNode node = YAML.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] namespaceList(Map<String, String> query) {
    int limit = Integer.parseInt(query.getOrDefault("limit", "0"));
    int start = start(query);
    int end = limit <= 0 ? namespaces.size() : Math.min(namespaces.size(), start + limit);
    ObjectNode list = JSON.createObjectNode().put("kind", "NamespaceList").put("apiVersion", "v1");
    ObjectNode metadata = list.putObject("metadata").put("resourceVersion", "1266");
    if (end < namespaces.size()) {
      metadata.put("continue", token(end));
      metadata.put("remainingItemCount", namespaces.size() - end);
    }
    ArrayNode items = list.putArray("items");
    for (int i = start; i < end; i++) {
      items.add(namespace(namespaces.get(i)));
    }
    return bytes(list);
  }

  private byte[] list(String kind, Map<String, ObjectNode> store, Map<String, String> query) {
    String selector = query.getOrDefault("fieldSelector", "");
    String wanted = selector.startsWith("metadata.name=") ? selector.substring(14) : null;
    List<ObjectNode> matching = new ArrayList<>();
    new TreeMap<>(store)
        .values()
        .forEach(
            item -> {
              if (wanted == null || item.path("metadata").path("name").asText().equals(wanted)) {
                matching.add(item);
              }
            });
    int limit = Integer.parseInt(query.getOrDefault("limit", "0"));
    int start = start(query);
    int end = limit <= 0 ? matching.size() : Math.min(matching.size(), start + limit);
    ObjectNode list = JSON.createObjectNode().put("kind", kind).put("apiVersion", "v1");
    ObjectNode metadata = list.putObject("metadata").put("resourceVersion", nextVersion());
    if (end < matching.size()) {
      metadata.put("continue", token(end));
    }
    ArrayNode items = list.putArray("items");
    for (int i = start; i < end; i++) {
      ObjectNode item = matching.get(i).deepCopy();
      item.remove("kind");
      item.remove("apiVersion");
      items.add(item);
    }
    return bytes(list);
  }

  private static int start(Map<String, String> query) {
    String token = query.get("continue");
    return token == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(token)));
  }

  private static String token(int index) {
    return Base64.getEncoder().encodeToString(Integer.toString(index).getBytes());
  }

  /** A namespace item shaped like those of transcript 03. */
  private static ObjectNode namespace(String name) {
    ObjectNode item = JSON.createObjectNode();
    ObjectNode metadata = item.putObject("metadata");
    metadata.put("name", name).put("uid", uid(name)).put("resourceVersion", "235");
    metadata.put("creationTimestamp", "2026-12-03T17:58:06Z");
    metadata.putObject("labels").put("kubernetes.io/metadata.name", name);
    ObjectNode managed = metadata.putArray("managedFields").addObject();
    managed.put("manager", "kubectl-create").put("operation", "Update").put("apiVersion", "v1");
    managed.put("time", "2026-12-03T17:58:06Z").put("fieldsType", "FieldsV1");
    managed
        .putObject("fieldsV1")
        .putObject("f:metadata")
        .putObject("f:labels")
        .<ObjectNode>set(".", JSON.createObjectNode())
        .set("f:kubernetes.io/metadata.name", JSON.createObjectNode());
    item.putObject("spec").putArray("finalizers").add("kubernetes");
    item.putObject("status").put("phase", "Active");
    return item;
  }

  private ObjectNode serviceAccount(String namespace) {
    ObjectNode account = JSON.createObjectNode().put("kind", "ServiceAccount");
    account.put("apiVersion", "v1");
    ObjectNode metadata = account.putObject("metadata");
    metadata.put("name", "default").put("namespace", namespace);
    metadata.put("uid", uid(namespace + "/sa")).put("resourceVersion", nextVersion());
    metadata.put("creationTimestamp", "2026-12-03T18:10:36Z");
    return account;
  }

  static String uid(String seed) {
    return java.util.UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static byte[] apiVersions() {
    ObjectNode node = JSON.createObjectNode().put("kind", "APIVersions");
    node.putArray("versions").add("v1");
    node.putArray("serverAddressByClientCIDRs")
        .addObject()
        .put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", "127.0.0.1:6443");
    return bytes(node);
  }

  private static byte[] apiGroups() {
    ObjectNode node = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ObjectNode group = node.putArray("groups").addObject().put("name", "apps");
    ObjectNode version = JSON.createObjectNode().put("groupVersion", "apps/v1");
    version.put("version", "v1");
    group.putArray("versions").add(version);
    group.set("preferredVersion", version.deepCopy());
    return bytes(node);
  }

  private static byte[] resource(String name) {
    try (InputStream in = FakeKubeApi.class.getResourceAsStream("/fanout/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response ok(JsonNode node) {
    return new Response(200, bytes(node));
  }

  private static Response ok(byte[] body) {
    return new Response(200, body);
  }

  private static Response notFound(String plural, String name) {
    ObjectNode status = statusNode(404, "NotFound", plural + " \"" + name + "\" not found");
    ((ObjectNode) status.get("details")).put("name", name).put("kind", plural);
    return new Response(404, bytes(status));
  }

  private static Response status(int code, String reason, String message) {
    return new Response(code, bytes(statusNode(code, reason, message)));
  }

  private static ObjectNode statusNode(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason);
    status.putObject("details");
    status.put("code", code);
    return status;
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(key, URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }
}
