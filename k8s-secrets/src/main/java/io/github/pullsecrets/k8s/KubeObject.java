package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A Kubernetes object as the API server returned it: typed accessors for the metadata the SDK
 * relies on, JSON-pointer reads for anything else, and the full JSON on request.
 *
 * <p>Instances are immutable. {@link #toString()} shows kind, namespace, name and resourceVersion
 * only, never {@code data}; {@link #toJson()} returns everything, Secret data included, because the
 * caller asked for it.
 */
public final class KubeObject {

  private final ObjectNode node;

  private KubeObject(ObjectNode node) {
    this.node = node;
  }

  static KubeObject of(ObjectNode node) {
    return new KubeObject(node.deepCopy());
  }

  /** Wraps a node nobody else holds, such as a list item parsed just now, without a copy. */
  static KubeObject adopt(ObjectNode node) {
    return new KubeObject(node);
  }

  /** Returns {@code kind}, or empty. */
  public String kind() {
    return node.path("kind").asText("");
  }

  /** Returns {@code apiVersion}, or empty. */
  public String apiVersion() {
    return node.path("apiVersion").asText("");
  }

  /** Returns {@code metadata.name}, or empty. */
  public String name() {
    return metadata().path("name").asText("");
  }

  /** Returns {@code metadata.namespace}, or empty for cluster-scoped objects. */
  public String namespace() {
    return metadata().path("namespace").asText("");
  }

  /** Returns {@code metadata.resourceVersion}, or empty (as in a dry-run create). */
  public String resourceVersion() {
    return metadata().path("resourceVersion").asText("");
  }

  /** Returns {@code metadata.generation}, which Secrets and ServiceAccounts do not have. */
  public OptionalLong generation() {
    return number("/metadata/generation");
  }

  /** Returns {@code metadata.creationTimestamp}, if present and well-formed. */
  public Optional<Instant> creationTimestamp() {
    return text("/metadata/creationTimestamp").flatMap(KubeObject::instant);
  }

  /** Returns {@code metadata.labels}, sorted by key. */
  public Map<String, String> labels() {
    return strings(metadata().path("labels"));
  }

  /** Returns {@code metadata.annotations}, sorted by key. */
  public Map<String, String> annotations() {
    return strings(metadata().path("annotations"));
  }

  /**
   * Returns a scalar as text.
   *
   * @param pointer a JSON pointer such as {@code /status/phase}
   * @return the value, or empty when absent or not a scalar
   */
  public Optional<String> text(String pointer) {
    JsonNode value = node.at(pointer);
    return value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
  }

  /**
   * Returns an integer field.
   *
   * @param pointer a JSON pointer such as {@code /status/readyReplicas}
   * @return the value, or empty when absent or not an integer
   */
  public OptionalLong number(String pointer) {
    JsonNode value = node.at(pointer);
    return value.canConvertToLong() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
  }

  /** Returns the whole object as compact JSON, including any Secret data. */
  public String toJson() {
    return node.toString();
  }

  /** Returns kind, namespace, name and resourceVersion. */
  @Override
  public String toString() {
    String where = namespace().isEmpty() ? name() : namespace() + "/" + name();
    return kind() + " " + where + " (resourceVersion " + resourceVersion() + ")";
  }

  /** Returns a private copy of the tree for the SDK's own readers. */
  ObjectNode tree() {
    return node.deepCopy();
  }

  /** Returns the tree itself; callers in this package never modify it. */
  JsonNode view() {
    return node;
  }

  private JsonNode metadata() {
    return node.path("metadata");
  }

  private static Map<String, String> strings(JsonNode map) {
    Map<String, String> values = new TreeMap<>();
    map.properties().forEach(field -> values.put(field.getKey(), field.getValue().asText()));
    return Collections.unmodifiableMap(values);
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
