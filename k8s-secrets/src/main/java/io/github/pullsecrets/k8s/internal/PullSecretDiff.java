package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds how two trees of one document differ, provided they differ only in {@code imagePullSecrets}
 * lists whose entries are plain {@code {name: ...}} references.
 */
final class PullSecretDiff {

  static final String FIELD = "imagePullSecrets";
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  /** How one list changed. */
  enum Kind {
    /** The list was missing and now holds {@code added}. */
    CREATE,
    /** {@code added} follow the existing entries. */
    APPEND,
    /** The entries at {@code removed} are gone; others remain. */
    REMOVE,
    /** Every entry is gone, and the list with them. */
    DROP
  }

  /**
   * One changed list.
   *
   * @param path the keys (strings) and indexes (integers) from the root to the mapping that holds
   *     the list
   * @param kind how it changed
   * @param added the names added, in order; empty for REMOVE and DROP
   * @param removed the indexes of the entries removed, ascending; empty for CREATE and APPEND
   */
  record ListEdit(List<Object> path, Kind kind, List<String> added, List<Integer> removed) {}

  private PullSecretDiff() {}

  /**
   * Returns the list changes that turn {@code before} into {@code after}.
   *
   * @throws TextEditRefused when the trees differ in anything else, or a list changed in another
   *     way
   */
  static List<ListEdit> between(JsonNode before, JsonNode after) {
    List<ListEdit> edits = new ArrayList<>();
    collect(before, after, List.of(), edits);
    return edits;
  }

  private static void collect(
      JsonNode before, JsonNode after, List<Object> path, List<ListEdit> edits) {
    if (before.equals(after)) {
      return;
    }
    if (before.isObject() && after.isObject()) {
      collectFields(before, after, path, edits);
    } else if (before.isArray() && after.isArray() && before.size() == after.size()) {
      for (int i = 0; i < before.size(); i++) {
        collect(before.get(i), after.get(i), append(path, i), edits);
      }
    } else {
      throw new TextEditRefused("a change other than to " + FIELD);
    }
  }

  private static void collectFields(
      JsonNode before, JsonNode after, List<Object> path, List<ListEdit> edits) {
    Set<String> names = new LinkedHashSet<>();
    before.fieldNames().forEachRemaining(names::add);
    after.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode old = before.path(name);
      JsonNode now = after.path(name);
      if (name.equals(FIELD)) {
        addListEdit(path, old, now, edits);
      } else if (old.isMissingNode() || now.isMissingNode()) {
        throw new TextEditRefused("a key added or removed other than " + FIELD);
      } else {
        collect(old, now, append(path, name), edits);
      }
    }
  }

  private static void addListEdit(
      List<Object> path, JsonNode old, JsonNode now, List<ListEdit> edits) {
    if (old.equals(now)) {
      return;
    }
    boolean nonEmpty = now.isArray() && !now.isEmpty();
    if (old.isMissingNode() && nonEmpty) {
      edits.add(new ListEdit(path, Kind.CREATE, names(now, 0), List.of()));
    } else if (!old.isArray() || !nonEmpty && !now.isMissingNode()) {
      throw new TextEditRefused(FIELD + " that is not a non-empty sequence");
    } else if (now.size() > old.size() && startsWith(now, old)) {
      edits.add(new ListEdit(path, Kind.APPEND, names(now, old.size()), List.of()));
    } else {
      Kind kind = now.isMissingNode() ? Kind.DROP : Kind.REMOVE;
      edits.add(new ListEdit(path, kind, List.of(), removed(old, now)));
    }
  }

  private static boolean startsWith(JsonNode list, JsonNode head) {
    for (int i = 0; i < head.size(); i++) {
      if (!list.get(i).equals(head.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Returns the indexes of {@code old} to drop so that the rest is {@code now}. */
  private static List<Integer> removed(JsonNode old, JsonNode now) {
    List<Integer> removed = new ArrayList<>();
    int kept = 0;
    for (int i = 0; i < old.size(); i++) {
      if (kept < now.size() && old.get(i).equals(now.get(kept))) {
        kept++;
      } else {
        removed.add(i);
      }
    }
    if (kept < now.size()) {
      throw new TextEditRefused(FIELD + " entries changed or reordered");
    }
    return removed;
  }

  private static List<String> names(JsonNode list, int from) {
    List<String> names = new ArrayList<>();
    for (int i = from; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      JsonNode name = entry.path("name");
      if (entry.size() != 1 || !name.isTextual() || !PLAIN_NAME.matcher(name.asText()).matches()) {
        throw new TextEditRefused("a new " + FIELD + " entry other than a plain name");
      }
      names.add(name.asText());
    }
    return names;
  }

  private static List<Object> append(List<Object> path, Object step) {
    List<Object> longer = new ArrayList<>(path);
    longer.add(step);
    return List.copyOf(longer);
  }
}
