package io.github.pullsecrets.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads fields of a response body by name, turning a missing or mistyped field into a {@link
 * io.github.pullsecrets.registry.MalformedResponseException} that names the field's JSON path but
 * never its value.
 */
final class JsonView {

  private final JsonNode node;
  private final String where;
  private final ResponseContext context;

  private JsonView(JsonNode node, String where, ResponseContext context) {
    this.node = node;
    this.where = where;
    this.context = context;
  }

  static JsonView root(JsonNode node, ResponseContext context) {
    if (!node.isObject()) {
      throw context.malformed("body is not a JSON object");
    }
    return new JsonView(node, "", context);
  }

  ResponseContext context() {
    return context;
  }

  JsonView object(String field) {
    return optObject(field).orElseThrow(() -> missing(field, "object"));
  }

  Optional<JsonView> optObject(String field) {
    JsonNode value = present(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw wrongType(field, "object");
    }
    return Optional.of(new JsonView(value, pathOf(field), context));
  }

  String text(String field) {
    return optText(field).orElseThrow(() -> missing(field, "string"));
  }

  Optional<String> optText(String field) {
    JsonNode value = present(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual() && !value.isNumber()) {
      throw wrongType(field, "string");
    }
    return Optional.of(value.asText());
  }

  Optional<String> optNonEmptyText(String field) {
    return optText(field).filter(text -> !text.isEmpty());
  }

  long longValue(String field, long absent) {
    JsonNode value = present(field);
    if (value == null) {
      return absent;
    }
    if (!value.canConvertToLong()) {
      throw wrongType(field, "integer");
    }
    return value.longValue();
  }

  double doubleValue(String field) {
    JsonNode value = present(field);
    if (value == null || !value.isNumber()) {
      throw missing(field, "number");
    }
    return value.doubleValue();
  }

  boolean bool(String field, boolean absent) {
    JsonNode value = present(field);
    if (value == null) {
      return absent;
    }
    if (!value.isBoolean()) {
      throw wrongType(field, "boolean");
    }
    return value.booleanValue();
  }

  Optional<Instant> optInstant(String field) {
    return optNonEmptyText(field)
        .map(
            text ->
                Times.parse(text)
                    .orElseThrow(
                        () ->
                            context.malformed("field '" + pathOf(field) + "' is not a date-time")));
  }

  List<JsonView> objects(String field) {
    List<JsonView> views = new ArrayList<>();
    JsonNode array = array(field);
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isObject()) {
        throw wrongType(field + "[" + i + "]", "object");
      }
      views.add(new JsonView(item, pathOf(field) + "[" + i + "]", context));
    }
    return views;
  }

  List<String> strings(String field) {
    List<String> texts = new ArrayList<>();
    for (JsonNode item : array(field)) {
      if (!item.isTextual()) {
        throw wrongType(field, "array of strings");
      }
      texts.add(item.asText());
    }
    return texts;
  }

  <T> List<T> map(String field, Function<JsonView, T> converter) {
    return objects(field).stream().map(converter).toList();
  }

  private JsonNode array(String field) {
    JsonNode value = present(field);
    if (value == null) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!value.isArray()) {
      throw wrongType(field, "array");
    }
    return value;
  }

  private JsonNode present(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private String pathOf(String field) {
    return where.isEmpty() ? field : where + "." + field;
  }

  private RuntimeException missing(String field, String type) {
    return context.malformed("missing " + type + " field '" + pathOf(field) + "'");
  }

  private RuntimeException wrongType(String field, String type) {
    return context.malformed("field '" + pathOf(field) + "' is not a JSON " + type);
  }
}
