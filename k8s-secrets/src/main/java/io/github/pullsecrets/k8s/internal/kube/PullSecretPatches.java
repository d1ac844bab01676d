package io.github.pullsecrets.k8s.internal.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The patch bodies that add or remove one {@code imagePullSecrets} entry. Pod templates take a
 * strategic merge patch, which merges by name ({@code $patch: delete} removes). A ServiceAccount's
 * list is atomic, so it takes a JSON patch guarded by a {@code test} of the resourceVersion.
 */
public final class PullSecretPatches {

  private PullSecretPatches() {}

  /**
   * Returns the names listed in an {@code imagePullSecrets} array.
   *
   * @param list the array, possibly missing
   * @return the names in order
   */
  public static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(entry -> names.add(entry.path("name").asText("")));
    return names;
  }

  /**
   * Returns a strategic merge patch that adds or removes an entry under a pod spec.
   *
   * @param podSpecPath the path from the root to the pod spec
   * @param secretName the entry's name
   * @param remove whether to remove instead of add
   * @return the patch
   */
  public static ObjectNode strategic(List<String> podSpecPath, String secretName, boolean remove) {
    ObjectNode root = ApiTransport.json().createObjectNode();
    ObjectNode node = root;
    for (String step : podSpecPath) {
      node = node.putObject(step);
    }
    ObjectNode entry = node.putArray("imagePullSecrets").addObject().put("name", secretName);
    if (remove) {
      entry.put("$patch", "delete");
    }
    return root;
  }

  /**
   * Returns a JSON patch that appends an entry to a ServiceAccount if its resourceVersion is still
   * the one read; it creates the list when there is none, because {@code add .../-} needs one.
   *
   * @param serviceAccount the ServiceAccount as read
   * @param secretName the entry's name
   * @return the patch
   */
  public static ArrayNode appendGuarded(JsonNode serviceAccount, String secretName) {
    ArrayNode patch = guard(serviceAccount);
    ObjectNode entry = ApiTransport.json().createObjectNode().put("name", secretName);
    if (serviceAccount.path("imagePullSecrets").isArray()) {
      patch.addObject().put("op", "add").put("path", "/imagePullSecrets/-").set("value", entry);
    } else {
      ObjectNode add = patch.addObject().put("op", "add").put("path", "/imagePullSecrets");
      add.putArray("value").add(entry);
    }
    return patch;
  }

  /**
   * Returns a JSON patch that removes an entry from a ServiceAccount if its resourceVersion is
   * still the one read.
   *
   * @param serviceAccount the ServiceAccount as read
   * @param index the entry's index
   * @return the patch
   */
  public static ArrayNode removeGuarded(JsonNode serviceAccount, int index) {
    ArrayNode patch = guard(serviceAccount);
    patch.addObject().put("op", "remove").put("path", "/imagePullSecrets/" + index);
    return patch;
  }

  /**
   * Returns the index of the first entry with a name.
   *
   * @param list the {@code imagePullSecrets} array
   * @param secretName the name
   * @return the index, or empty
   */
  public static OptionalInt indexOf(JsonNode list, String secretName) {
    List<String> names = names(list);
    int index = names.indexOf(secretName);
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
  }

  private static ArrayNode guard(JsonNode serviceAccount) {
    ArrayNode patch = ApiTransport.json().createArrayNode();
    patch
        .addObject()
        .put("op", "test")
        .put("path", "/metadata/resourceVersion")
        .put("value", serviceAccount.path("metadata").path("resourceVersion").asText());
    return patch;
  }
}
