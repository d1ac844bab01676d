package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kube-apiserver played by WireMock: a WireMock response transformer that keeps objects in memory
 * and answers GET, list (label selector on labels, field selector on {@code type}), POST, PUT with
 * {@code resourceVersion} checks, DELETE, strategic merge patches of {@code imagePullSecrets}
 * (merged by name, {@code $patch: delete} removes) and JSON patches ({@code test}, {@code add},
 * {@code remove} on object members and array entries), with the Status bodies of the recorded
 * transcripts. A patched pod template counts as rolled out at once: the generation goes up and the
 * status reports every replica updated and available; after {@link #holdRollouts} the status stays
 * behind the generation until {@link #finishRollouts}. A stub for every URL must route requests
 * here, except watch requests ({@code watch=true}), which get the stub's own response so that a
 * test can script the stream. Faults are injected with {@link #failNext}.
 */
final class FakeKubeApi implements ResponseDefinitionTransformerV2 {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ITEM =
      Pattern.compile("^(/api/v1|/apis/[^/]+/v1)/namespaces/([^/]+)/([^/]+)/([^/]+)$");

  private final Map<String, ObjectNode> objects = new TreeMap<>();
  private final Map<String, Integer> faults = new HashMap<>();
  private int resourceVersion = 100;
  private boolean rolloutsHeld;

  @Override
  public String getName() {
    return "fake-kube-api";
  }

  /** Forgets every object and fault. */
  synchronized void reset() {
    objects.clear();
    faults.clear();
    rolloutsHeld = false;
  }

  /** Leaves the status of every pod template patched from now on at the previous generation. */
  synchronized void holdRollouts() {
    rolloutsHeld = true;
  }

  /** Reports every stored workload as rolled out, and rolls patched templates out at once again. */
  synchronized void finishRollouts() {
    rolloutsHeld = false;
    objects.values().stream()
        .filter(object -> object.at("/spec/template").isObject())
        .forEach(FakeKubeApi::rolledOut);
  }

  /** Stores an object as if created, under its apiVersion/kind/namespace/name path. */
  synchronized void put(String path, String json) {
    ObjectNode object = (ObjectNode) tree(json);
    object.withObject("/metadata").put("resourceVersion", String.valueOf(++resourceVersion));
    objects.put(path, object);
  }

  /** Returns an object, if stored. */
  synchronized Optional<ObjectNode> object(String path) {
    return Optional.ofNullable(objects.get(path)).map(ObjectNode::deepCopy);
  }

  /** Returns the paths of stored objects starting with a prefix. */
  synchronized List<String> paths(String prefix) {
    return objects.keySet().stream().filter(path -> path.startsWith(prefix)).toList();
  }

  /** Makes the next {@code times} requests with this method and path answer 500. */
  synchronized void failNext(String method, String path, int times) {
    faults.put(method + " " + path, times);
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    LoggedRequest request = event.getRequest();
    if ("true".equals(query(request.getUrl()).get("watch"))) {
      return event.getResponseDefinition();
    }
    String path = URI.create(request.getUrl()).getPath();
    String key = request.getMethod().getName() + " " + path;
    if (faults.getOrDefault(key, 0) > 0) {
      faults.merge(key, -1, Integer::sum);
      return status(500, "InternalError", "injected fault");
    }
    switch (request.getMethod().getName()) {
      case "GET":
        return ITEM.matcher(path).matches() ? get(path) : list(path, request);
      case "POST":
        return create(path, request.getBodyAsString());
      case "PUT":
        return replace(path, request.getBodyAsString());
      case "PATCH":
        return patch(path, request);
      case "DELETE":
        return objects.remove(path) == null ? notFound(path) : status(200, "", "deleted");
      default:
        return status(405, "MethodNotAllowed", "the fake API does not support this method");
    }
  }

  private ResponseDefinition get(String path) {
    ObjectNode object = objects.get(path);
    return object == null ? notFound(path) : json(200, object);
  }

  private ResponseDefinition create(String collection, String body) {
    ObjectNode object = (ObjectNode) tree(body);
    String path = collection + "/" + object.path("metadata").path("name").asText();
    if (objects.containsKey(path)) {
      return status(409, "AlreadyExists", "already exists: " + path);
    }
    object.withObject("/metadata").put("resourceVersion", String.valueOf(++resourceVersion));
    objects.put(path, object);
    return json(201, object);
  }

  private ResponseDefinition replace(String path, String body) {
    ObjectNode stored = objects.get(path);
    if (stored == null) {
      return notFound(path);
    }
    ObjectNode object = (ObjectNode) tree(body);
    String sent = object.path("metadata").path("resourceVersion").asText("");
    if (!sent.equals(stored.path("metadata").path("resourceVersion").asText())) {
      return status(409, "Conflict", "the object has been modified");
    }
    object.withObject("/metadata").put("resourceVersion", String.valueOf(++resourceVersion));
    objects.put(path, object);
    return json(200, object);
  }

  private ResponseDefinition patch(String path, LoggedRequest request) {
    ObjectNode stored = objects.get(path);
    if (stored == null) {
      return notFound(path);
    }
    String type = request.contentTypeHeader().mimeTypePart();
    if (type.equals("application/json-patch+json")) {
      return jsonPatch(path, stored, tree(request.getBodyAsString()));
    }
    if (!type.equals("application/strategic-merge-patch+json")) {
      return status(415, "UnsupportedMediaType", "the fake API takes SMP and JSON patches");
    }
    merge(stored, (ObjectNode) tree(request.getBodyAsString()));
    ObjectNode metadata = stored.withObject("/metadata");
    metadata.put("resourceVersion", String.valueOf(++resourceVersion));
    if (stored.at("/spec/template").isObject()) {
      metadata.put("generation", metadata.path("generation").asLong(0) + 1);
      if (!rolloutsHeld) {
        rolledOut(stored);
      }
    }
    return json(200, stored);
  }

  private static void rolledOut(ObjectNode workload) {
    long generation = workload.path("metadata").path("generation").asLong(0);
    ObjectNode status = workload.putObject("status").put("observedGeneration", generation);
    status.put("replicas", 1).put("updatedReplicas", 1).put("availableReplicas", 1);
    status.put("readyReplicas", 1);
  }

  private ResponseDefinition jsonPatch(String path, ObjectNode stored, JsonNode operations) {
    ObjectNode copy = stored.deepCopy();
    for (JsonNode operation : operations) {
      String pointer = operation.path("path").asText();
      String op = operation.path("op").asText();
      if (op.equals("test") && !copy.at(pointer).equals(operation.path("value"))) {
        return status(422, "Invalid", "the server rejected our request: test failed");
      }
      JsonNode parent = copy.at(pointer.substring(0, pointer.lastIndexOf('/')));
      String last = pointer.substring(pointer.lastIndexOf('/') + 1);
      if (op.equals("add") && parent instanceof ArrayNode array) {
        array.add(operation.path("value"));
      } else if (op.equals("add") && parent instanceof ObjectNode object) {
        object.set(last, operation.path("value"));
      } else if (op.equals("remove") && parent instanceof ArrayNode array) {
        array.remove(Integer.parseInt(last));
      } else if (op.equals("remove") && parent instanceof ObjectNode object) {
        object.remove(last);
      }
    }
    copy.withObject("/metadata").put("resourceVersion", String.valueOf(++resourceVersion));
    objects.put(path, copy);
    return json(200, copy);
  }

  private static void merge(ObjectNode target, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      JsonNode value = field.getValue();
      if (field.getKey().equals("imagePullSecrets")) {
        mergeByName(target.withArray(field.getKey()), (ArrayNode) value);
      } else if (value.isObject() && target.path(field.getKey()).isObject()) {
        merge((ObjectNode) target.get(field.getKey()), (ObjectNode) value);
      } else {
        target.set(field.getKey(), value);
      }
    }
  }

  private static void mergeByName(ArrayNode target, ArrayNode patch) {
    for (JsonNode entry : patch) {
      String name = entry.path("name").asText();
      for (int i = target.size() - 1; i >= 0; i--) {
        if (target.get(i).path("name").asText().equals(name)) {
          target.remove(i);
        }
      }
      if (!entry.path("$patch").asText("").equals("delete")) {
        target.insert(0, entry);
      }
    }
  }

  private ResponseDefinition list(String collection, LoggedRequest request) {
    Map<String, String> query = query(request.getUrl());
    ArrayNode items = JSON.createArrayNode();
    for (Map.Entry<String, ObjectNode> entry : objects.entrySet()) {
      if (inCollection(entry.getKey(), collection)
          && labelsMatch(entry.getValue(), query.getOrDefault("labelSelector", ""))
          && fieldsMatch(entry.getValue(), query.getOrDefault("fieldSelector", ""))) {
        items.add(entry.getValue());
      }
    }
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "List").put("apiVersion", "v1");
    list.putObject("metadata").put("resourceVersion", String.valueOf(resourceVersion));
    list.set("items", items);
    return json(200, list);
  }

  private static boolean inCollection(String path, String collection) {
    String plural = collection.substring(collection.lastIndexOf('/') + 1);
    String parent = collection.substring(0, collection.lastIndexOf('/'));
    if (path.startsWith(collection + "/")) {
      return path.indexOf('/', collection.length() + 1) < 0;
    }
    Matcher item = ITEM.matcher(path);
    return item.matches() && item.group(1).equals(parent) && item.group(3).equals(plural);
  }

  private static boolean labelsMatch(JsonNode object, String selector) {
    JsonNode labels = object.path("metadata").path("labels");
    for (String term : selector.split(",")) {
      if (term.isBlank()) {
        continue;
      }
      String[] parts = term.split("=", 2);
      boolean ok =
          parts.length == 1
              ? labels.has(parts[0])
              : labels.path(parts[0]).asText("").equals(parts[1]);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean fieldsMatch(JsonNode object, String selector) {
    if (selector.isBlank()) {
      return true;
    }
    String[] parts = selector.split("=", 2);
    String field = parts[0].equals("metadata.name") ? "/metadata/name" : "/" + parts[0];
    return parts[0].matches("type|metadata\\.name") && object.at(field).asText("").equals(parts[1]);
  }

  private static Map<String, String> query(String url) {
    Map<String, String> query = new HashMap<>();
    String raw = URI.create(url).getRawQuery();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      String[] parts = pair.split("=", 2);
      query.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static ResponseDefinition notFound(String path) {
    return status(404, "NotFound", path.substring(path.lastIndexOf('/') + 1) + " not found");
  }

  private static ResponseDefinition status(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", code < 400 ? "Success" : "Failure");
    status.put("message", message).put("reason", reason).put("code", code);
    return json(code, status);
  }

  private static ResponseDefinition json(int code, JsonNode body) {
    return new ResponseDefinitionBuilder()
        .withStatus(code)
        .withHeader("Content-Type", "application/json")
        .withBody(body.toString())
        .build();
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "FakeKubeApi" + new ArrayList<>(objects.keySet());
  }
}
