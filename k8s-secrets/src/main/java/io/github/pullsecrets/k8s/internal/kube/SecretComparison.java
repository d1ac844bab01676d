package io.github.pullsecrets.k8s.internal.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.DockerAuthException;
import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.Entry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a desired pull Secret with the one in the cluster and describes the difference with
 * every secret value redacted: labels, annotations and type are shown, data values never; for
 * {@code .dockerconfigjson} the registry keys added, removed or changed are named.
 */
public final class SecretComparison {

  /** The ownership label. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The ownership label's value for objects this SDK created. */
  public static final String MANAGER = "pullsecrets";

  private static final String REDACTED = "<redacted>";

  private SecretComparison() {}

  /**
   * Returns the lines describing a Secret about to be created.
   *
   * @param desired the desired Secret
   * @return the diff lines
   */
  public static List<String> creation(ObjectNode desired) {
    List<String> lines = new ArrayList<>();
    lines.add("+ type: " + desired.path("type").asText());
    strings(desired.path("metadata").path("labels"))
        .forEach((key, value) -> lines.add("+ label " + key + ": " + value));
    strings(desired.path("metadata").path("annotations"))
        .forEach((key, value) -> lines.add("+ annotation " + key + ": " + value));
    desired
        .path("data")
        .fieldNames()
        .forEachRemaining(
            key -> lines.add("+ data[" + key + "]: " + REDACTED + registries(desired, key)));
    return List.copyOf(lines);
  }

  /**
   * Returns the lines describing how the existing Secret must change; empty when it already is as
   * desired. Labels, annotations and data keys the existing Secret has beyond the desired ones are
   * ignored: server-side apply leaves them alone, so they are no reason to write.
   *
   * @param existing the Secret in the cluster
   * @param desired the desired Secret
   * @return the diff lines, empty when nothing changes
   */
  public static List<String> update(JsonNode existing, ObjectNode desired) {
    List<String> lines = new ArrayList<>();
    compareText("type", existing.path("type"), desired.path("type"), lines);
    compareMap(
        "label",
        existing.path("metadata").path("labels"),
        desired.path("metadata").path("labels"),
        lines);
    compareMap(
        "annotation",
        existing.path("metadata").path("annotations"),
        desired.path("metadata").path("annotations"),
        lines);
    compareData(existing.path("data"), desired.path("data"), lines);
    return List.copyOf(lines);
  }

  /**
   * Returns who manages an existing Secret according to its ownership label.
   *
   * @param existing the Secret
   * @return the label value, or empty when unlabelled
   */
  public static Optional<String> managedBy(JsonNode existing) {
    JsonNode value = existing.path("metadata").path("labels").path(MANAGED_BY);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static void compareText(String what, JsonNode old, JsonNode wanted, List<String> out) {
    if (!old.asText("").equals(wanted.asText(""))) {
      out.add("~ " + what + ": " + old.asText("<none>") + " -> " + wanted.asText());
    }
  }

  private static void compareMap(String what, JsonNode old, JsonNode wanted, List<String> out) {
    strings(wanted)
        .forEach(
            (key, value) -> {
              JsonNode current = old.path(key);
              if (current.isMissingNode()) {
                out.add("+ " + what + " " + key + ": " + value);
              } else if (!current.asText().equals(value)) {
                out.add("~ " + what + " " + key + ": " + current.asText() + " -> " + value);
              }
            });
  }

  private static void compareData(JsonNode old, JsonNode wanted, List<String> out) {
    TreeSet<String> keys = new TreeSet<>();
    wanted.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      if (!old.has(key)) {
        out.add("+ data[" + key + "]: " + REDACTED);
      } else if (!sameBytes(old.path(key), wanted.path(key))) {
        out.add(
            "~ data["
                + key
                + "]: "
                + REDACTED
                + " -> "
                + REDACTED
                + entryChanges(old.path(key), wanted.path(key)));
      }
    }
  }

  private static boolean sameBytes(JsonNode a, JsonNode b) {
    return java.util.Arrays.equals(decode(a.asText()), decode(b.asText()));
  }

  private static String entryChanges(JsonNode old, JsonNode wanted) {
    Optional<DockerConfig> before = config(old.asText());
    Optional<DockerConfig> after = config(wanted.asText());
    if (before.isEmpty() || after.isEmpty()) {
      return before.isEmpty() ? " (the current value does not decode)" : "";
    }
    Map<String, Entry> was = byKey(before.get());
    Map<String, Entry> will = byKey(after.get());
    List<String> parts = new ArrayList<>();
    will.keySet().stream().filter(k -> !was.containsKey(k)).forEach(k -> parts.add("+" + k));
    was.keySet().stream().filter(k -> !will.containsKey(k)).forEach(k -> parts.add("-" + k));
    will.keySet().stream()
        .filter(k -> was.containsKey(k) && !was.get(k).equals(will.get(k)))
        .forEach(k -> parts.add("~" + k));
    return parts.isEmpty() ? "" : " (registries " + String.join(", ", parts) + ")";
  }

  private static String registries(ObjectNode desired, String key) {
    return config(desired.path("data").path(key).asText())
        .map(config -> " (registries " + String.join(", ", byKey(config).keySet()) + ")")
        .orElse("");
  }

  private static Map<String, Entry> byKey(DockerConfig config) {
    Map<String, Entry> entries = new TreeMap<>();
    config.entries().forEach(entry -> entries.put(entry.key(), entry));
    return entries;
  }

  private static Optional<DockerConfig> config(String base64) {
    try {
      return Optional.of(DockerConfig.parse(decode(base64)));
    } catch (DockerAuthException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return base64.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> strings(JsonNode map) {
    Map<String, String> values = new TreeMap<>();
    map.properties().forEach(field -> values.put(field.getKey(), field.getValue().asText()));
    return values;
  }
}
