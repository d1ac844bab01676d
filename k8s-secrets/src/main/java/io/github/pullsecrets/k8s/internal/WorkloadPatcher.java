package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.k8s.ManifestChange.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Attaches or detaches one imagePullSecret on the pod spec of every workload kind, and on
 * ServiceAccounts when asked, changing the tree in place.
 *
 * <p>A new entry is appended at the end of the list (strategic merge patch would put it first; both
 * give the same set). Detaching removes every entry with the name and drops the list when it
 * becomes empty, as the API server does. Other entries, including malformed ones, are kept.
 */
public final class WorkloadPatcher {

  private static final String FIELD = "imagePullSecrets";
  private static final String SERVICE_ACCOUNT = "ServiceAccount";
  private static final List<String> TEMPLATE = List.of("spec", "template", "spec");
  private static final Map<String, List<String>> POD_SPEC_PATHS =
      Map.of(
          "Pod",
          List.of("spec"),
          "ReplicationController",
          TEMPLATE,
          "Deployment",
          TEMPLATE,
          "ReplicaSet",
          TEMPLATE,
          "StatefulSet",
          TEMPLATE,
          "DaemonSet",
          TEMPLATE,
          "Job",
          TEMPLATE,
          "CronJob",
          List.of("spec", "jobTemplate", "spec", "template", "spec"),
          SERVICE_ACCOUNT,
          List.of());
  private static final Map<String, Set<String>> GROUPS =
      Map.of(
          "Pod",
          Set.of(""),
          "ReplicationController",
          Set.of(""),
          "Deployment",
          Set.of("apps", "extensions"),
          "ReplicaSet",
          Set.of("apps", "extensions"),
          "StatefulSet",
          Set.of("apps"),
          "DaemonSet",
          Set.of("apps", "extensions"),
          "Job",
          Set.of("batch"),
          "CronJob",
          Set.of("batch"),
          SERVICE_ACCOUNT,
          Set.of(""));

  /** Whether to add or remove the reference. */
  public enum Operation {
    /** Add the reference when it is missing. */
    ATTACH,
    /** Remove every reference with the name. */
    DETACH
  }

  private final Operation operation;
  private final String secretName;
  private final boolean serviceAccounts;

  /**
   * Creates a patcher.
   *
   * @param operation attach or detach
   * @param secretName the Secret name to reference
   * @param serviceAccounts whether ServiceAccounts are patched too
   */
  public WorkloadPatcher(Operation operation, String secretName, boolean serviceAccounts) {
    this.operation = operation;
    this.secretName = secretName;
    this.serviceAccounts = serviceAccounts;
  }

  /**
   * Patches one document in place and returns one outcome per object: one for a plain document, one
   * per item for a list document.
   *
   * @param document the document's tree; a missing node for an empty document
   * @return the outcomes
   */
  public List<PatchOutcome> patch(JsonNode document) {
    if (document.isMissingNode() || document.isNull()) {
      return List.of(skip(-1, "", "", "empty document"));
    }
    if (!document.isObject()) {
      return List.of(
          notUnderstood(
              -1, "", "", "the document is " + describe(document) + ", expected a mapping"));
    }
    if (isList(document)) {
      return patchItems((ObjectNode) document);
    }
    return List.of(patchObject(-1, (ObjectNode) document));
  }

  private static boolean isList(JsonNode document) {
    JsonNode kind = document.path("kind");
    return kind.isTextual() && kind.asText().endsWith("List") && document.has("items");
  }

  private List<PatchOutcome> patchItems(ObjectNode list) {
    JsonNode items = list.get("items");
    String kind = list.path("kind").asText();
    if (!items.isArray()) {
      return List.of(
          notUnderstood(
              -1, kind, name(list), "items is " + describe(items) + ", expected a sequence"));
    }
    if (items.isEmpty()) {
      return List.of(skip(-1, kind, name(list), "the list has no items"));
    }
    List<PatchOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      outcomes.add(patchItem(i, items.get(i)));
    }
    return outcomes;
  }

  private PatchOutcome patchItem(int index, JsonNode item) {
    if (!item.isObject()) {
      return notUnderstood(
          index, "", "", "items[" + index + "] is " + describe(item) + ", expected a mapping");
    }
    if (isList(item)) {
      return notUnderstood(
          index, item.path("kind").asText(), name(item), "a list inside a list is not supported");
    }
    return patchObject(index, (ObjectNode) item);
  }

  private PatchOutcome patchObject(int item, ObjectNode object) {
    JsonNode kindNode = object.path("kind");
    String name = name(object);
    if (!kindNode.isTextual()) {
      String reason = kindNode.isMissingNode() ? "has no kind" : "kind is " + describe(kindNode);
      return notUnderstood(item, "", name, reason);
    }
    String kind = kindNode.asText();
    String refusal = refusal(kind, object.path("apiVersion"));
    if (!refusal.isEmpty()) {
      return skip(item, kind, name, refusal);
    }
    return patchPodSpec(item, kind, name, object);
  }

  private String refusal(String kind, JsonNode apiVersion) {
    if (!POD_SPEC_PATHS.containsKey(kind)) {
      return kind + " has no pod template";
    }
    if (kind.equals(SERVICE_ACCOUNT) && !serviceAccounts) {
      return "ServiceAccounts are patched only when asked";
    }
    String group = group(apiVersion);
    if (group != null && !GROUPS.get(kind).contains(group)) {
      return kind + " of API group '" + group + "' is not a Kubernetes workload";
    }
    return "";
  }

  private static String group(JsonNode apiVersion) {
    if (!apiVersion.isTextual()) {
      return null;
    }
    String text = apiVersion.asText();
    int slash = text.indexOf('/');
    return slash < 0 ? "" : text.substring(0, slash);
  }

  private PatchOutcome patchPodSpec(int item, String kind, String name, ObjectNode object) {
    JsonNode node = object;
    StringBuilder path = new StringBuilder();
    for (String step : POD_SPEC_PATHS.get(kind)) {
      path.append(path.length() == 0 ? "" : ".").append(step);
      node = node.path(step);
      if (!node.isObject()) {
        String reason =
            node.isMissingNode()
                ? "has no " + path
                : path + " is " + describe(node) + ", expected a mapping";
        return notUnderstood(item, kind, name, reason);
      }
    }
    String listPath = path.length() == 0 ? FIELD : path + "." + FIELD;
    return patchList(item, kind, name, (ObjectNode) node, listPath);
  }

  private PatchOutcome patchList(
      int item, String kind, String name, ObjectNode podSpec, String listPath) {
    JsonNode list = podSpec.path(FIELD);
    if (list.isMissingNode() || list.isNull()) {
      return absent(item, kind, name, podSpec);
    }
    if (!list.isArray()) {
      return notUnderstood(
          item, kind, name, listPath + " is " + describe(list) + ", expected a sequence");
    }
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).isObject()) {
        return notUnderstood(
            item,
            kind,
            name,
            listPath + "[" + i + "] is " + describe(list.get(i)) + ", expected a mapping");
      }
    }
    return operation == Operation.ATTACH
        ? attach(item, kind, name, (ArrayNode) list)
        : detach(item, kind, name, podSpec, (ArrayNode) list);
  }

  private PatchOutcome absent(int item, String kind, String name, ObjectNode podSpec) {
    if (operation == Operation.DETACH) {
      return new PatchOutcome(item, kind, name, Outcome.NOT_PRESENT, "");
    }
    podSpec.putArray(FIELD).addObject().put("name", secretName);
    return new PatchOutcome(item, kind, name, Outcome.ATTACHED, "");
  }

  private PatchOutcome attach(int item, String kind, String name, ArrayNode list) {
    if (indexOf(list) >= 0) {
      return new PatchOutcome(item, kind, name, Outcome.ALREADY_PRESENT, "");
    }
    list.addObject().put("name", secretName);
    return new PatchOutcome(item, kind, name, Outcome.ATTACHED, "");
  }

  private PatchOutcome detach(
      int item, String kind, String name, ObjectNode podSpec, ArrayNode list) {
    if (indexOf(list) < 0) {
      return new PatchOutcome(item, kind, name, Outcome.NOT_PRESENT, "");
    }
    for (int i = indexOf(list); i >= 0; i = indexOf(list)) {
      list.remove(i);
    }
    if (list.isEmpty()) {
      podSpec.remove(FIELD);
    }
    return new PatchOutcome(item, kind, name, Outcome.DETACHED, "");
  }

  private int indexOf(ArrayNode list) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode entryName = list.get(i).path("name");
      if (entryName.isTextual() && entryName.asText().equals(secretName)) {
        return i;
      }
    }
    return -1;
  }

  private static String name(JsonNode object) {
    JsonNode name = object.path("metadata").path("name");
    return name.isTextual() ? name.asText() : "";
  }

  private static PatchOutcome skip(int item, String kind, String name, String reason) {
    return new PatchOutcome(item, kind, name, Outcome.NOT_A_WORKLOAD, reason);
  }

  private static PatchOutcome notUnderstood(int item, String kind, String name, String reason) {
    return new PatchOutcome(item, kind, name, Outcome.NOT_UNDERSTOOD, reason);
  }

  /** Returns a node's YAML type with an article, for messages. */
  static String describe(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    switch (type) {
      case OBJECT:
        return "a mapping";
      case ARRAY:
        return "a sequence";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return "a " + type.name().toLowerCase(Locale.ROOT);
    }
  }
}
