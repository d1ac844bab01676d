package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pullsecrets.k8s.internal.PullSecretDiff.Kind;
import io.github.pullsecrets.k8s.internal.PullSecretDiff.ListEdit;
import io.github.pullsecrets.k8s.internal.YamlLayout.Entry;
import io.github.pullsecrets.k8s.internal.YamlLayout.Node;
import io.github.pullsecrets.k8s.internal.YamlLayout.Shape;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits the text of a changed YAML document line by line, so that a diff against the original shows
 * only the lines of the {@code imagePullSecrets} entries added or removed.
 *
 * <ul>
 *   <li>A new list goes into the mapping that holds it, at the mapping's indentation: right after
 *       the value of {@code containers} or {@code initContainers}, whichever comes last, else after
 *       the mapping's last value. Comment lines that directly follow that value and are indented
 *       deeper than the mapping's keys stay with the value, so the list goes after them. Its items
 *       are indented under the key as the document's block sequences are: as the {@code containers}
 *       list of the same mapping, else as the first block sequence of the document, else not at
 *       all.
 *   <li>New entries of an existing list go after its last entry, with the same indentation.
 *   <li>A removed entry loses exactly its own lines; when no entry is left, the key line goes too.
 *       Comments between entries stay.
 * </ul>
 *
 * <p>Only block mappings and block sequences are edited. The edit is refused, and the document must
 * be printed again, when the trees differ in more than such lists, when any mapping or sequence on
 * the way to a list (the list and its entries included) is in flow style, has an anchor or a tag,
 * is an alias, or holds a merge key, when a list entry does not start on its own line, and when the
 * text mixes line ends or uses line breaks other than {@code \n} and {@code \r\n}. A text using
 * {@code \r\n} gets {@code \r\n} on the new lines.
 *
 * <p>The caller must still read the edited text back and compare it with the intended tree.
 */
public final class YamlEditor {

  private static final System.Logger LOG = System.getLogger(YamlEditor.class.getName());
  private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers");
  private static final Pattern OWN_LINE_ITEM = Pattern.compile("( *)-( +)");
  private static final ItemStyle DEFAULT_STYLE = new ItemStyle(0, 2);

  /**
   * How block sequence items are written.
   *
   * @param indent how far the {@code -} sits right of the key that holds the sequence
   * @param gap how far the item's content sits right of the {@code -}
   */
  private record ItemStyle(int indent, int gap) {}

  private final TextLines lines;
  private final Node root;

  private YamlEditor(TextLines lines, Node root) {
    this.lines = lines;
    this.root = root;
  }

  /**
   * Returns the text of a document edited from {@code before} to {@code after}, or empty when the
   * change or the text has a shape that only printing again can handle.
   *
   * @param text the document's original text, comments and {@code ---} line included
   * @param before the tree read from that text
   * @param after the intended tree, differing from {@code before} in imagePullSecrets only
   * @return the edited text, or empty
   */
  public static Optional<String> edit(String text, JsonNode before, JsonNode after) {
    try {
      List<ListEdit> edits = PullSecretDiff.between(before, after);
      TextLines lines = TextLines.of(text);
      YamlEditor editor = new YamlEditor(lines, YamlLayout.read(lines));
      edits.forEach(editor::apply);
      return Optional.of(lines.result());
    } catch (TextEditRefused | IOException e) {
      LOG.log(Level.DEBUG, () -> "no line edit (" + reason(e) + "), printing the document again");
      return Optional.empty();
    }
  }

  private static String reason(Exception e) {
    return e instanceof TextEditRefused ? e.getMessage() : "unreadable text";
  }

  private void apply(ListEdit edit) {
    Node mapping = mappingAt(edit.path());
    if (edit.kind() == Kind.CREATE) {
      create(mapping, edit.added());
      return;
    }
    Entry list =
        mapping
            .entry(PullSecretDiff.FIELD)
            .orElseThrow(() -> new TextEditRefused("a list that is not in the text"));
    requireBlockSequence(list);
    if (edit.kind() == Kind.APPEND) {
      append(list.value(), edit.added());
    } else {
      remove(list, edit.removed(), edit.kind() == Kind.DROP);
    }
  }

  private Node mappingAt(List<Object> path) {
    Node node = root;
    for (Object step : path) {
      requireBlock(node);
      node = step instanceof String ? valueOf(node, (String) step) : itemOf(node, (Integer) step);
    }
    requireBlock(node);
    if (node.shape() != Shape.MAPPING) {
      throw new TextEditRefused("a list holder that is not a mapping");
    }
    return node;
  }

  private static Node valueOf(Node mapping, String key) {
    return mapping
        .entry(key)
        .map(Entry::value)
        .orElseThrow(() -> new TextEditRefused("a path that is not in the text"));
  }

  private static Node itemOf(Node sequence, int index) {
    if (index >= sequence.items().size()) {
      throw new TextEditRefused("a path that is not in the text");
    }
    return sequence.items().get(index);
  }

  private static void requireBlock(Node node) {
    if (!node.plain()) {
      throw new TextEditRefused("an anchor, alias or tag on the path");
    }
    if (node.flow()) {
      throw new TextEditRefused("a flow-style collection on the path");
    }
    if (node.entry("<<").isPresent()) {
      throw new TextEditRefused("a merge key on the path");
    }
  }

  private static void requireBlockSequence(Entry list) {
    Node sequence = list.value();
    requireBlock(sequence);
    if (sequence.shape() != Shape.SEQUENCE || sequence.line() <= list.line()) {
      throw new TextEditRefused("a list that does not start below its key");
    }
    sequence.items().forEach(YamlEditor::requireBlock);
  }

  private void create(Node mapping, List<String> names) {
    int keyColumn = keyColumn(mapping);
    Entry previous =
        mapping.entries().stream()
            .filter(entry -> CONTAINER_LISTS.contains(entry.key()))
            .reduce((first, second) -> second)
            .orElse(mapping.entries().get(mapping.entries().size() - 1));
    int after = lines.lastDeeperComment(previous.value().lastLine(), keyColumn);
    ItemStyle style = styleFor(mapping);
    List<String> added = new ArrayList<>();
    added.add(" ".repeat(keyColumn - 1) + PullSecretDiff.FIELD + ":");
    for (String name : names) {
      added.add(item(keyColumn + style.indent(), style.gap(), name));
    }
    lines.insertAfter(after, added);
  }

  private static int keyColumn(Node mapping) {
    int column = mapping.entries().get(0).column();
    if (mapping.entries().stream().anyMatch(entry -> entry.column() != column)) {
      throw new TextEditRefused("mapping keys in different columns");
    }
    return column;
  }

  private void append(Node sequence, List<String> names) {
    Node last = sequence.items().get(sequence.items().size() - 1);
    Matcher dash = ownLineItem(last);
    int dashColumn = dash.group(1).length() + 1;
    int gap = dash.group(2).length() + 1;
    List<String> added = new ArrayList<>();
    for (String name : names) {
      added.add(item(dashColumn, gap, name));
    }
    lines.insertAfter(lines.lastDeeperComment(last.lastLine(), dashColumn), added);
  }

  private void remove(Entry list, List<Integer> indexes, boolean dropKey) {
    for (int index : indexes) {
      Node item = list.value().items().get(index);
      ownLineItem(item);
      lines.delete(item.line(), item.lastLine());
    }
    if (dropKey) {
      if (!lines.before(list.line(), list.column()).isBlank()) {
        throw new TextEditRefused("a list key that does not start its line");
      }
      lines.delete(list.line(), list.line());
    }
  }

  /** Returns the match of the text before an item: spaces, the item's {@code -}, spaces. */
  private Matcher ownLineItem(Node item) {
    Matcher matcher = OWN_LINE_ITEM.matcher(lines.before(item.line(), item.column()));
    if (!matcher.matches()) {
      throw new TextEditRefused("a list item that does not start its own line");
    }
    return matcher;
  }

  private ItemStyle styleFor(Node mapping) {
    for (Entry entry : mapping.entries()) {
      if (CONTAINER_LISTS.contains(entry.key())) {
        Optional<ItemStyle> style = styleOf(entry);
        if (style.isPresent()) {
          return style.get();
        }
      }
    }
    return firstStyleIn(root).orElse(DEFAULT_STYLE);
  }

  private Optional<ItemStyle> firstStyleIn(Node node) {
    for (Entry entry : node.entries()) {
      Optional<ItemStyle> style = styleOf(entry).or(() -> firstStyleIn(entry.value()));
      if (style.isPresent()) {
        return style;
      }
    }
    return node.items().stream().map(this::firstStyleIn).flatMap(Optional::stream).findFirst();
  }

  /** Returns how the items of a block sequence that starts below its key are written. */
  private Optional<ItemStyle> styleOf(Entry entry) {
    Node sequence = entry.value();
    if (sequence.shape() != Shape.SEQUENCE
        || !sequence.plain()
        || sequence.flow()
        || sequence.line() <= entry.line()
        || sequence.column() < entry.column()) {
      return Optional.empty();
    }
    Node first = sequence.items().get(0);
    boolean sameLine = first.line() == sequence.line() && first.column() > sequence.column() + 1;
    int gap = sameLine ? first.column() - sequence.column() : DEFAULT_STYLE.gap();
    return Optional.of(new ItemStyle(sequence.column() - entry.column(), gap));
  }

  private static String item(int dashColumn, int gap, String name) {
    String value = new KubernetesQuoting().needToQuoteValue(name) ? '"' + name + '"' : name;
    return " ".repeat(dashColumn - 1) + "-" + " ".repeat(gap - 1) + "name: " + value;
  }
}
