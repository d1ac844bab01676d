package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one Jackson tree from a parser's tokens, resolving what Jackson's own tree reader leaves
 * as plain strings: YAML aliases ({@code *name}) become copies of the anchored node, and YAML 1.1
 * merge keys ({@code <<: *base}) are merged in, as Kubernetes' YAML reader does. Duplicate keys are
 * rejected.
 */
final class TreeReader {

  private static final String MERGE_KEY = "<<";

  /**
   * The most nodes one document may hold once its aliases are expanded. Far above any real
   * manifest, it stops a few lines of nested aliases (a "billion laughs") from filling the heap.
   */
  static final long MAX_NODES = 1_000_000;

  private final JsonParser parser;
  private final YAMLParser yaml;
  private final Map<String, JsonNode> anchors = new HashMap<>();
  private final Map<String, Long> anchorSizes = new HashMap<>();
  private long nodeCount;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  TreeReader(JsonParser parser) {
    this.parser = parser;
    this.yaml = parser instanceof YAMLParser ? (YAMLParser) parser : null;
  }

  /** Returns the value that starts at the parser's current token. */
  JsonNode readValue() throws IOException {
    if (yaml != null && yaml.isCurrentAlias()) {
      return resolveAlias(parser.getText());
    }
    String anchor = yaml == null ? null : yaml.getObjectId();
    long before = nodeCount;
    JsonNode value = readUnanchored();
    count(1);
    if (anchor != null) {
      anchors.put(anchor, value);
      anchorSizes.put(anchor, nodeCount - before);
    }
    return value;
  }

  private JsonNode readUnanchored() throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return readObject();
      case START_ARRAY:
        return readArray();
      case VALUE_STRING:
        return nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return readInteger();
      case VALUE_NUMBER_FLOAT:
        return nodes.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return nodes.booleanNode(parser.getBooleanValue());
      case VALUE_NULL:
        return nodes.nullNode();
      default:
        throw problem("unsupported value (" + token + ")");
    }
  }

  private JsonNode readInteger() throws IOException {
    switch (parser.getNumberType()) {
      case INT:
        return nodes.numberNode(parser.getIntValue());
      case LONG:
        return nodes.numberNode(parser.getLongValue());
      default:
        return nodes.numberNode(parser.getBigIntegerValue());
    }
  }

  private JsonNode readArray() throws IOException {
    ArrayNode array = nodes.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(readValue());
    }
    return array;
  }

  private JsonNode readObject() throws IOException {
    ObjectNode object = nodes.objectNode();
    List<JsonNode> merges = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      JsonNode value = readValue();
      if (yaml != null && MERGE_KEY.equals(key)) {
        merges.add(value);
      } else if (object.has(key)) {
        throw problem("duplicate key '" + key + "'");
      } else {
        object.set(key, value);
      }
    }
    for (JsonNode merge : merges) {
      mergeInto(object, merge);
    }
    return object;
  }

  private void mergeInto(ObjectNode object, JsonNode merge) throws IOException {
    if (merge.isArray()) {
      for (JsonNode element : merge) {
        mergeInto(object, element);
      }
      return;
    }
    if (!merge.isObject()) {
      throw problem("a merge key '<<' must refer to a mapping or a list of mappings");
    }
    for (Map.Entry<String, JsonNode> field : merge.properties()) {
      if (!object.has(field.getKey())) {
        object.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  private JsonNode resolveAlias(String name) throws IOException {
    JsonNode anchored = anchors.get(name);
    if (anchored == null) {
      throw problem(
          "alias to an unknown anchor (a plain value starting with '*' is an alias;"
              + " quote it if it is text)");
    }
    count(anchorSizes.get(name));
    return anchored.deepCopy();
  }

  private void count(long nodes) throws TreeException {
    nodeCount += nodes;
    if (nodeCount > MAX_NODES) {
      throw problem(
          "the document expands to more than " + MAX_NODES + " nodes (aliases nested too deep)");
    }
  }

  private TreeException problem(String message) {
    return new TreeException(message, parser.currentTokenLocation());
  }
}
