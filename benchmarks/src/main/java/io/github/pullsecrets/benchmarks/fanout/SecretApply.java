package io.github.pullsecrets.benchmarks.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Server-side apply of a Secret, reduced to what a pull Secret uses: {@code type}, labels,
 * annotations and {@code data} keys are merged into the stored object; a no-op keeps the
 * resourceVersion (transcript 17). Ownership and conflicts are not modelled.
 */
final class SecretApply {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SecretApply() {}

  static ObjectNode apply(ObjectNode current, JsonNode applied, String namespace, String version) {
    ObjectNode result = current == null ? created(applied, namespace) : current.deepCopy();
    ObjectNode metadata = (ObjectNode) result.get("metadata");
    merge(metadata, "labels", applied.path("metadata").path("labels"));
    merge(metadata, "annotations", applied.path("metadata").path("annotations"));
    if (applied.has("type")) {
      result.set("type", applied.get("type"));
    }
    merge(result, "data", applied.path("data"));
    if (result.equals(current)) {
      return current;
    }
    metadata.put("resourceVersion", version);
    return result;
  }

  private static ObjectNode created(JsonNode applied, String namespace) {
    String name = applied.path("metadata").path("name").asText();
    ObjectNode secret = NODES.objectNode().put("kind", "Secret").put("apiVersion", "v1");
    ObjectNode metadata = secret.putObject("metadata").put("name", name);
    metadata.put("namespace", namespace).put("uid", FakeKubeApi.uid(namespace + "/" + name));
    metadata.put("creationTimestamp", "2026-12-03T18:10:37Z");
    ObjectNode managed = metadata.putArray("managedFields").addObject();
    managed.put("manager", "pullsecrets").put("operation", "Apply").put("apiVersion", "v1");
    managed.put("time", "2026-12-03T18:10:37Z").put("fieldsType", "FieldsV1");
    ObjectNode fields = managed.putObject("fieldsV1");
    fields.putObject("f:data").putObject("f:.dockerconfigjson");
    fields
        .putObject("f:metadata")
        .putObject("f:labels")
        .putObject("f:app.kubernetes.io/managed-by");
    fields.putObject("f:type");
    return secret;
  }

  private static void merge(ObjectNode parent, String field, JsonNode values) {
    if (!values.isObject() || values.isEmpty()) {
      return;
    }
    ObjectNode target =
        parent.path(field).isObject() ? (ObjectNode) parent.get(field) : parent.putObject(field);
    values.properties().forEach(entry -> target.set(entry.getKey(), entry.getValue()));
  }
}
