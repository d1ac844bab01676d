package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.k8s.internal.kube.ApiCall;
import io.github.pullsecrets.k8s.internal.kube.ApiTransport;
import io.github.pullsecrets.k8s.internal.kube.EventStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reads and writes the objects of one {@link ResourceKind}: get, create, replace, delete,
 * server-side apply (field manager {@value #FIELD_MANAGER}), patches and paged lists. Every method
 * blocks; errors are {@link KubeApiException}s. For cluster-scoped kinds the namespace argument is
 * ignored. Obtain one from {@link KubeClient#resources(ResourceKind)}; thread-safe.
 */
public final class Resources {

  /** The field manager of every server-side apply made by this SDK. */
  public static final String FIELD_MANAGER = "pullsecrets";

  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.k8s.api");
  private static final int EXPIRED_LIST_RESTARTS = 3;

  /** How many times {@link #update} reads and writes before giving up on conflicts. */
  public static final int MAX_CONFLICT_ATTEMPTS = 5;

  private final ApiTransport transport;
  private final ResourceKind kind;

  Resources(ApiTransport transport, ResourceKind kind) {
    this.transport = transport;
    this.kind = kind;
  }

  /** Returns the kind this client works on. */
  public ResourceKind kind() {
    return kind;
  }

  /**
   * Reads an object.
   *
   * @param namespace the namespace
   * @param name the object name
   * @return the object
   * @throws KubeApiException if it does not exist ({@link KubeApiException#notFound()}) or the
   *     request fails
   */
  public KubeObject get(String namespace, String name) {
    return KubeObject.of(
        transport.send(ApiCall.of("GET", path(namespace, name), Map.of(), namespace, name)));
  }

  /**
   * Reads an object that may be absent.
   *
   * @param namespace the namespace
   * @param name the object name
   * @return the object, or empty on 404
   * @throws KubeApiException if the request fails otherwise
   */
  public Optional<KubeObject> find(String namespace, String name) {
    try {
      return Optional.of(get(namespace, name));
    } catch (KubeApiException e) {
      if (e.notFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Creates an object ({@code POST}); never repeated automatically.
   *
   * @param namespace the namespace
   * @param json the object as JSON
   * @param options dry run; force is ignored
   * @return the created object as stored (or as it would be, in a dry run)
   * @throws KubeApiException e.g. 409 {@code AlreadyExists} or 422 {@code Invalid}
   */
  public KubeObject create(String namespace, String json, WriteOptions options) {
    String name = parse(json).path("metadata").path("name").asText("");
    ApiCall call =
        ApiCall.of("POST", kind.collectionPath(namespace), dryRun(options), namespace, name);
    return KubeObject.of(transport.send(call.withBody("application/json", utf8(json))));
  }

  /**
   * Replaces an object ({@code PUT}); the JSON should carry {@code metadata.resourceVersion} so
   * that a concurrent change answers 409 instead of being overwritten.
   *
   * @param namespace the namespace
   * @param name the object name
   * @param json the whole object as JSON
   * @param options dry run; force is ignored
   * @return the stored object
   * @throws KubeApiException e.g. 409 {@code Conflict} for a stale resourceVersion
   */
  public KubeObject replace(String namespace, String name, String json, WriteOptions options) {
    parse(json);
    ApiCall call = ApiCall.of("PUT", path(namespace, name), dryRun(options), namespace, name);
    return KubeObject.of(transport.send(call.withBody("application/json", utf8(json))));
  }

  /**
   * Changes an object by read-modify-write: reads it, asks {@code change} for the new object (which
   * should keep the {@code metadata.resourceVersion} it was given), and replaces it. When another
   * writer got there first (409 Conflict), the object is read again and the change made again, up
   * to {@value #MAX_CONFLICT_ATTEMPTS} times in all. When {@code change} returns its input
   * unchanged (as JSON), nothing is written.
   *
   * @param namespace the namespace
   * @param name the object name
   * @param change computes the new object's JSON from the current object's JSON
   * @param options dry run; force is ignored
   * @return the stored object, or the current one when nothing changed
   * @throws KubeApiException if reading fails, or the last attempt still conflicts
   */
  public KubeObject update(
      String namespace, String name, UnaryOperator<String> change, WriteOptions options) {
    for (int attempt = 1; ; attempt++) {
      KubeObject current = get(namespace, name);
      String wanted = change.apply(current.toJson());
      if (parse(wanted).equals(current.view())) {
        return current;
      }
      try {
        return replace(namespace, name, wanted, options);
      } catch (KubeApiException e) {
        if (!e.conflict() || attempt == MAX_CONFLICT_ATTEMPTS) {
          throw e;
        }
        int failed = attempt;
        LOGGER.log(
            Level.DEBUG, () -> kind.kind() + " " + name + " changed meanwhile (" + failed + ")");
      }
    }
  }

  /**
   * Deletes an object.
   *
   * @param namespace the namespace
   * @param name the object name
   * @param options dry run; force is ignored
   * @throws KubeApiException e.g. 404 when it does not exist
   */
  public void delete(String namespace, String name, WriteOptions options) {
    transport.send(ApiCall.of("DELETE", path(namespace, name), dryRun(options), namespace, name));
  }

  /**
   * Applies a configuration with server-side apply ({@code application/apply-patch+yaml}, field
   * manager {@value #FIELD_MANAGER}): creates the object or updates the fields this manager owns.
   *
   * @param namespace the namespace
   * @param name the object name
   * @param manifest the configuration as YAML or JSON, with apiVersion, kind and metadata.name
   * @param options dry run, and force to take over fields other managers own
   * @return the object as stored
   * @throws KubeApiException 409 with {@code FieldManagerConflict} causes when another manager owns
   *     a changed field and force is off
   */
  public KubeObject apply(String namespace, String name, String manifest, WriteOptions options) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("fieldManager", FIELD_MANAGER);
    if (options.force()) {
      query.put("force", "true");
    }
    query.putAll(dryRun(options));
    ApiCall call = ApiCall.of("PATCH", path(namespace, name), query, namespace, name);
    return KubeObject.of(
        transport.send(call.withBody("application/apply-patch+yaml", utf8(manifest))));
  }

  /**
   * Patches an object. A JSON patch is retried after 429 or 502-504 only when its first operation
   * is a {@code test} (so a replay fails instead of applying twice); start one with a {@code test}
   * of {@code /metadata/resourceVersion} to make it safe to retry.
   *
   * @param namespace the namespace
   * @param name the object name
   * @param type the patch format
   * @param patch the patch document as JSON
   * @param options dry run; force is ignored
   * @return the patched object
   * @throws KubeApiException e.g. 422 when a JSON patch {@code test} fails
   */
  public KubeObject patch(
      String namespace, String name, PatchType type, String patch, WriteOptions options) {
    ApiCall call = ApiCall.of("PATCH", path(namespace, name), dryRun(options), namespace, name);
    return KubeObject.of(transport.send(call.withBody(type.mediaType(), utf8(patch))));
  }

  /**
   * Lists objects, fetching every page with {@code limit} and {@code continue}. When a continue
   * token has expired (410), the list is started again from the first page, at most three times.
   *
   * @param namespace the namespace; empty for all namespaces
   * @param options selectors and page size
   * @return every object, in server order
   * @throws KubeApiException e.g. 400 for an invalid selector
   */
  public List<KubeObject> list(String namespace, ListOptions options) {
    return collect(namespace, options, this::item);
  }

  /**
   * Lists only the names of objects, page by page like {@link #list}, keeping nothing else of each
   * page: listing 10,000 namespaces this way holds 10,000 strings rather than 10,000 objects.
   *
   * @param namespace the namespace; empty for all namespaces
   * @param options selectors and page size
   * @return every object's name, in server order
   * @throws KubeApiException e.g. 400 for an invalid selector
   */
  public List<String> listNames(String namespace, ListOptions options) {
    return collect(namespace, options, item -> item.path("metadata").path("name").asText(""));
  }

  private <T> List<T> collect(String namespace, ListOptions options, Function<ObjectNode, T> keep) {
    for (int restart = 0; ; restart++) {
      try {
        return allPages(namespace, options, keep);
      } catch (KubeApiException e) {
        if (!e.expired() || restart == EXPIRED_LIST_RESTARTS) {
          throw e;
        }
        LOGGER.log(Level.DEBUG, () -> "list " + kind.plural() + ": continue expired, restarting");
      }
    }
  }

  /** A complete list and the resourceVersion to watch from. */
  record Listing(List<KubeObject> items, String resourceVersion) {}

  /** Lists every page, keeping the list's resourceVersion for a watch that follows. */
  Listing listing(String namespace, ListOptions options) {
    ObjectNode first = transport.send(listCall(namespace, options, ""));
    String version = first.path("metadata").path("resourceVersion").asText("");
    List<KubeObject> items = new ArrayList<>();
    first.path("items").forEach(item -> items.add(item((ObjectNode) item)));
    String next = first.path("metadata").path("continue").asText("");
    if (!next.isEmpty()) {
      return new Listing(list(namespace, options), version);
    }
    return new Listing(List.copyOf(items), version);
  }

  /**
   * Watches from a resourceVersion; the server ends the response after {@code timeout}.
   *
   * @return the open stream of events ({@code type} and {@code object}); the caller closes it
   */
  EventStream watch(
      String namespace, ListOptions options, String resourceVersion, Duration timeout) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("watch", "true");
    putIfNotEmpty(query, "labelSelector", options.labelSelector());
    putIfNotEmpty(query, "fieldSelector", options.fieldSelector());
    query.put("resourceVersion", resourceVersion);
    query.put("allowWatchBookmarks", "true");
    query.put("timeoutSeconds", Long.toString(Math.max(1, timeout.toSeconds())));
    return transport.watch(ApiCall.of("GET", kind.collectionPath(namespace), query, namespace, ""));
  }

  private <T> List<T> allPages(
      String namespace, ListOptions options, Function<ObjectNode, T> keep) {
    List<T> items = new ArrayList<>();
    String next = "";
    do {
      ObjectNode page = transport.send(listCall(namespace, options, next));
      page.path("items").forEach(item -> items.add(keep.apply((ObjectNode) item)));
      next = page.path("metadata").path("continue").asText("");
    } while (!next.isEmpty());
    return List.copyOf(items);
  }

  private KubeObject item(ObjectNode item) {
    if (!item.has("kind")) {
      item.put("kind", kind.kind());
      item.put("apiVersion", kind.apiVersion());
    }
    return KubeObject.adopt(item);
  }

  private ApiCall listCall(String namespace, ListOptions options, String next) {
    Map<String, String> query = new LinkedHashMap<>();
    putIfNotEmpty(query, "labelSelector", options.labelSelector());
    putIfNotEmpty(query, "fieldSelector", options.fieldSelector());
    query.put("limit", Integer.toString(options.limit()));
    putIfNotEmpty(query, "continue", next);
    return ApiCall.of("GET", kind.collectionPath(namespace), query, namespace, "");
  }

  private static void putIfNotEmpty(Map<String, String> query, String key, String value) {
    if (!value.isEmpty()) {
      query.put(key, value);
    }
  }

  private String path(String namespace, String name) {
    return kind.collectionPath(namespace) + "/" + name;
  }

  private static Map<String, String> dryRun(WriteOptions options) {
    return options.dryRun() ? Map.of("dryRun", "All") : Map.of();
  }

  private static JsonNode parse(String json) {
    try {
      JsonNode node = ApiTransport.json().readTree(json);
      if (node == null || !node.isObject()) {
        throw new KubernetesException("the object is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new KubernetesException("the object is not valid JSON");
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the kind only. */
  @Override
  public String toString() {
    return "Resources{" + kind.plural() + "}";
  }
}
