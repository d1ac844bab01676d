package io.github.pullsecrets.benchmarks.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON patch (RFC 6902: add, remove, replace, test) and JSON merge patch (RFC 7386). A strategic
 * merge patch of a ServiceAccount is a merge patch, since its {@code imagePullSecrets} list has no
 * merge key (transcript 32). Any failure is an {@link IllegalArgumentException}, which the server
 * answers with the generic 422 of transcripts 34 and 35.
 */
final class Patches {

  private Patches() {}

  static ObjectNode apply(ObjectNode current, String contentType, JsonNode patch) {
    ObjectNode copy = current.deepCopy();
    if (contentType.startsWith("application/json-patch+json")) {
      patch.forEach(op -> jsonPatch(copy, op));
      return copy;
    }
    if (contentType.startsWith("application/merge-patch+json")
        || contentType.startsWith("application/strategic-merge-patch+json")) {
      return (ObjectNode) mergePatch(copy, patch);
    }
    throw new IllegalArgumentException("unsupported patch type " + contentType);
  }

  private static void jsonPatch(ObjectNode root, JsonNode op) {
    String path = op.path("path").asText();
    int slash = path.lastIndexOf('/');
    JsonNode parent = root.at(path.substring(0, slash));
    String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    switch (op.path("op").asText()) {
      case "test" -> {
        if (!root.at(path).equals(op.get("value"))) {
          throw new IllegalArgumentException("test failed");
        }
      }
      case "add" -> add(parent, last, op.get("value"));
      case "replace" -> {
        remove(parent, last);
        add(parent, last, op.get("value"));
      }
      case "remove" -> remove(parent, last);
      default -> throw new IllegalArgumentException("unsupported op " + op.path("op"));
    }
  }

  private static void add(JsonNode parent, String key, JsonNode value) {
    if (parent instanceof ObjectNode object) {
      object.set(key, value);
    } else if (parent instanceof ArrayNode array) {
      if (key.equals("-")) {
        array.add(value);
      } else {
        array.insert(index(array, key, true), value);
      }
    } else {
      throw new IllegalArgumentException("no parent for " + key);
    }
  }

  private static void remove(JsonNode parent, String key) {
    if (parent instanceof ObjectNode object && object.has(key)) {
      object.remove(key);
    } else if (parent instanceof ArrayNode array) {
      array.remove(index(array, key, false));
    } else {
      throw new IllegalArgumentException("nothing to remove at " + key);
    }
  }

  private static int index(ArrayNode array, String key, boolean adding) {
    int index = Integer.parseInt(key);
    if (index < 0 || index > array.size() || (!adding && index == array.size())) {
      throw new IllegalArgumentException("index out of range: " + key);
    }
    return index;
  }

  private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject()
            ? (ObjectNode) target
            : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    patch
        .properties()
        .forEach(
            entry -> {
              if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
              } else {
                result.set(
                    entry.getKey(), mergePatch(result.get(entry.getKey()), entry.getValue()));
              }
            });
    return result;
  }
}
