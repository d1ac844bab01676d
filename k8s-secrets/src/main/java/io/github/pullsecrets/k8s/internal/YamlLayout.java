package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the nodes of one YAML document sit in its text, taken from the token locations of Jackson's
 * YAML parser: this class does no YAML parsing of its own.
 *
 * <p>Jackson reports where each token starts, and where a scalar or a flow collection ends. A block
 * collection's end is not reported usefully (its end token sits on the next key), so a block
 * collection is taken to end on the last line of its last child. A block scalar's reported end lies
 * past the blank lines that follow it, which are stepped back over.
 */
final class YamlLayout {

  private static final YAMLFactory YAML = new YAMLFactory();

  /** What a node is. */
  enum Shape {
    MAPPING,
    SEQUENCE,
    SCALAR
  }

  /**
   * One node of the document. Lines and columns count from 1.
   *
   * @param shape mapping, sequence or scalar
   * @param flow whether a collection is written in flow style ({@code {...}} or {@code [...]});
   *     known only for a plain node
   * @param plain whether the node has no anchor and no tag and is not an alias
   * @param line the line where the node starts (its anchor or tag, if any)
   * @param column the column where it starts; a block sequence starts at its first {@code -}
   * @param lastLine the last line that holds part of the node
   * @param entries a mapping's entries in text order; empty otherwise
   * @param items a sequence's items in order; empty otherwise
   */
  record Node(
      Shape shape,
      boolean flow,
      boolean plain,
      int line,
      int column,
      int lastLine,
      List<Entry> entries,
      List<Node> items) {

    /** Returns the entry with a key, if this is a mapping that has it. */
    Optional<Entry> entry(String key) {
      return entries.stream().filter(entry -> entry.key().equals(key)).findFirst();
    }
  }

  /**
   * One entry of a mapping.
   *
   * @param key the key
   * @param line the key's line
   * @param column the key's column
   * @param value the value
   */
  record Entry(String key, int line, int column, Node value) {}

  private final YAMLParser parser;
  private final TextLines lines;

  private YamlLayout(YAMLParser parser, TextLines lines) {
    this.parser = parser;
    this.lines = lines;
  }

  /**
   * Returns the layout of the first document in a text.
   *
   * @param lines the text, split into lines
   * @return the root node
   * @throws IOException when the text is not well-formed YAML
   * @throws TextEditRefused when the text has no content
   */
  static Node read(TextLines lines) throws IOException {
    try (YAMLParser parser = YAML.createParser(lines.text())) {
      if (parser.nextToken() == null) {
        throw new TextEditRefused("an empty document");
      }
      return new YamlLayout(parser, lines).readNode();
    }
  }

  private Node readNode() throws IOException {
    JsonLocation start = parser.currentTokenLocation();
    boolean plain =
        !parser.isCurrentAlias() && parser.getObjectId() == null && parser.getTypeId() == null;
    int line = start.getLineNr();
    int column = start.getColumnNr();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      return readMapping(line, column, plain);
    }
    if (token == JsonToken.START_ARRAY) {
      return readSequence(line, column, plain);
    }
    return scalar(line, column, plain);
  }

  private Node readMapping(int line, int column, boolean plain) throws IOException {
    boolean flow = lines.charAt(line, column) == '{';
    List<Entry> entries = new ArrayList<>();
    int lastLine = line;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      JsonLocation key = parser.currentTokenLocation();
      String name = parser.currentName();
      parser.nextToken();
      Node value = readNode();
      entries.add(new Entry(name, key.getLineNr(), key.getColumnNr(), value));
      lastLine = Math.max(lastLine, value.lastLine());
    }
    return new Node(
        Shape.MAPPING,
        flow,
        plain,
        line,
        column,
        flow ? endLine() : lastLine,
        List.copyOf(entries),
        List.of());
  }

  private Node readSequence(int line, int column, boolean plain) throws IOException {
    boolean flow = lines.charAt(line, column) == '[';
    List<Node> items = new ArrayList<>();
    int lastLine = line;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      Node item = readNode();
      items.add(item);
      lastLine = Math.max(lastLine, item.lastLine());
    }
    return new Node(
        Shape.SEQUENCE,
        flow,
        plain,
        line,
        column,
        flow ? endLine() : lastLine,
        List.of(),
        List.copyOf(items));
  }

  private Node scalar(int line, int column, boolean plain) {
    int last = Math.max(line, endLine());
    while (last > line && lines.isBlank(last)) {
      last--;
    }
    return new Node(Shape.SCALAR, false, plain, line, column, last, List.of(), List.of());
  }

  /** Returns the line of the current token's end; an end at a line's start ends the line above. */
  private int endLine() {
    JsonLocation end = parser.currentLocation();
    return end.getColumnNr() == 1 ? end.getLineNr() - 1 : end.getLineNr();
  }
}
