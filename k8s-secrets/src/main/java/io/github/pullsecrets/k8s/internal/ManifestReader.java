package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.pullsecrets.k8s.ManifestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML or JSON manifest stream into documents that keep their original text.
 *
 * <p>YAML streams are cut into documents at lines that start with a {@code ---} marker and after
 * lines that are a {@code ...} end marker: YAML forbids both at the start of a line inside content,
 * so the cut never falls inside a value. Each piece is then parsed by Jackson on its own. Comments
 * and blank lines before the first marker belong to the first document. JSON streams are cut where
 * Jackson reports each top-level value to end.
 */
public final class ManifestReader {

  private static final Pattern START_MARKER = Pattern.compile("---([ \\t].*)?\\r?\\n?");
  private static final Pattern END_MARKER = Pattern.compile("\\.\\.\\.([ \\t].*)?\\r?\\n?");
  private static final Pattern NO_CONTENT = Pattern.compile("([ \\t]*(#.*)?|%.*)\\r?\\n?");
  private static final Pattern BARE_START = Pattern.compile("---[ \\t]*(#.*)?\\r?\\n?");
  private static final Pattern TRAILER = Pattern.compile("([ \\t]*|#.*|\\.\\.\\..*)\\r?\\n?");
  private static final Pattern QUOTED = Pattern.compile("'[^']{2,}'");
  private static final YAMLFactory YAML = new YAMLFactory();

  /** SnakeYAML's default limit, which Jackson's factory applies when given no loader options. */
  private static final int CODE_POINT_LIMIT = new LoaderOptions().getCodePointLimit();

  private static final JsonFactory JSON = new JsonFactory();

  private ManifestReader() {}

  /**
   * Returns the documents of a YAML stream.
   *
   * @param text the whole file
   * @return the documents in stream order
   * @throws ManifestException when a document is not well-formed YAML
   */
  public static List<SourceDocument> readYaml(String text) {
    List<Piece> pieces = joinContentFree(split(text));
    List<SourceDocument> documents = new ArrayList<>();
    for (Piece piece : pieces) {
      documents.add(parseYamlPiece(documents.size(), piece));
    }
    return List.copyOf(documents);
  }

  /**
   * Returns the documents of a JSON stream (one or more top-level values).
   *
   * @param text the whole file
   * @return the documents in stream order, the trailing whitespace kept on the last one
   * @throws ManifestException when the text is not well-formed JSON
   */
  public static List<SourceDocument> readJson(String text) {
    List<SourceDocument> documents = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(text)) {
      int end = 0;
      while (parser.nextToken() != null) {
        SourceDocument document = readJsonValue(parser, text, end, documents.size());
        documents.add(document);
        end += document.prefix().length() + document.body().length();
      }
      return withTail(documents, text.substring(end));
    } catch (IOException e) {
      throw failure(documents.size(), 1, e);
    }
  }

  private static SourceDocument readJsonValue(JsonParser parser, String text, int from, int index)
      throws IOException {
    JsonLocation start = parser.currentTokenLocation();
    JsonNode tree = new TreeReader(parser).readValue();
    int startOffset = (int) start.getCharOffset();
    int endOffset = (int) parser.currentLocation().getCharOffset();
    String prefix = text.substring(from, startOffset);
    String body = text.substring(startOffset, endOffset);
    return new SourceDocument(index, start.getLineNr(), prefix, body, "", tree);
  }

  private static List<SourceDocument> withTail(List<SourceDocument> documents, String tail) {
    if (documents.isEmpty()) {
      return List.of();
    }
    int last = documents.size() - 1;
    documents.set(last, documents.get(last).withSuffix(tail));
    return List.copyOf(documents);
  }

  private static SourceDocument parseYamlPiece(int index, Piece piece) {
    List<String> lines = piece.lines();
    int first = leadingCount(lines);
    int last = Math.max(first, lines.size() - trailingCount(lines, first));
    String prefix = String.join("", lines.subList(0, first));
    String body = String.join("", lines.subList(first, last));
    String suffix = String.join("", lines.subList(last, lines.size()));
    JsonNode tree = parseYaml(index, piece.firstLine(), String.join("", lines));
    return new SourceDocument(index, piece.firstLine(), prefix, body, suffix, tree);
  }

  /**
   * Returns the tree of one YAML document, or a missing node when it has no content.
   *
   * @param index the document's index, for messages
   * @param firstLine the line in the whole file where the text starts, for messages
   * @param text the text of exactly one document
   * @return the tree
   * @throws ManifestException when the text is not one well-formed document
   */
  public static JsonNode parseYaml(int index, int firstLine, String text) {
    requireWithinLimit(index, firstLine, text);
    try (JsonParser parser = YAML.createParser(text)) {
      if (parser.nextToken() == null) {
        return MissingNode.getInstance();
      }
      JsonNode tree = new TreeReader(parser).readValue();
      if (parser.nextToken() != null) {
        throw new TreeException("more than one document", parser.currentTokenLocation());
      }
      return tree;
    } catch (IOException e) {
      throw failure(index, firstLine, e);
    }
  }

  /**
   * Refuses a document over the YAML reader's code point limit before reading it: SnakeYAML finds
   * out only at the end of a long scalar, after copying its buffer over and over (seconds for a few
   * megabytes, minutes for tens).
   */
  private static void requireWithinLimit(int index, int firstLine, String text) {
    int limit = CODE_POINT_LIMIT;
    if (text.length() > limit && text.codePointCount(0, text.length()) > limit) {
      throw new ManifestException(
          index,
          firstLine,
          "the document is larger than the YAML reader's limit of " + limit + " code points");
    }
  }

  private static int leadingCount(List<String> lines) {
    int count = 0;
    boolean marker = false;
    while (count < lines.size()) {
      String line = lines.get(count);
      boolean bareMarker = !marker && BARE_START.matcher(line).matches();
      if (!bareMarker && !NO_CONTENT.matcher(line).matches()) {
        return count;
      }
      marker |= bareMarker;
      count++;
    }
    return count;
  }

  private static int trailingCount(List<String> lines, int first) {
    int count = 0;
    while (lines.size() - count > first
        && TRAILER.matcher(lines.get(lines.size() - count - 1)).matches()) {
      count++;
    }
    return count;
  }

  private static List<Piece> split(String text) {
    List<Piece> pieces = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int lineNumber = 1;
    int firstLine = 1;
    for (String line : TextLines.split(text)) {
      if (START_MARKER.matcher(line).matches() && !current.isEmpty()) {
        pieces.add(new Piece(current, firstLine));
        current = new ArrayList<>();
        firstLine = lineNumber;
      }
      current.add(line);
      lineNumber++;
      if (END_MARKER.matcher(line).matches()) {
        pieces.add(new Piece(current, firstLine));
        current = new ArrayList<>();
        firstLine = lineNumber;
      }
    }
    if (!current.isEmpty() || pieces.isEmpty()) {
      pieces.add(new Piece(current, firstLine));
    }
    return pieces;
  }

  private static List<Piece> joinContentFree(List<Piece> pieces) {
    List<Piece> joined = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    int pendingLine = 0;
    for (Piece piece : pieces) {
      if (!piece.explicit() && piece.contentFree() && pieces.size() > 1) {
        pendingLine = pending.isEmpty() ? piece.firstLine() : pendingLine;
        pending.addAll(piece.lines());
        continue;
      }
      List<String> lines = new ArrayList<>(pending);
      lines.addAll(piece.lines());
      joined.add(new Piece(lines, pending.isEmpty() ? piece.firstLine() : pendingLine));
      pending.clear();
    }
    return appendPending(joined, pending);
  }

  private static List<Piece> appendPending(List<Piece> joined, List<String> pending) {
    if (pending.isEmpty()) {
      return joined;
    }
    if (joined.isEmpty()) {
      return List.of(new Piece(pending, 1));
    }
    Piece last = joined.get(joined.size() - 1);
    List<String> lines = new ArrayList<>(last.lines());
    lines.addAll(pending);
    joined.set(joined.size() - 1, new Piece(lines, last.firstLine()));
    return joined;
  }

  private static ManifestException failure(int index, int firstLine, IOException e) {
    MarkedYAMLException yaml = findYamlCause(e);
    if (yaml != null && yaml.getProblemMark() != null) {
      int line = firstLine + yaml.getProblemMark().getLine();
      String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
      return new ManifestException(index, line, context + yaml.getProblem());
    }
    if (e instanceof TreeException) {
      TreeException tree = (TreeException) e;
      return new ManifestException(
          index, firstLine + tree.getLocation().getLineNr() - 1, tree.getOriginalMessage());
    }
    if (e instanceof JsonProcessingException) {
      JsonProcessingException json = (JsonProcessingException) e;
      int line = json.getLocation() == null ? 0 : json.getLocation().getLineNr();
      return new ManifestException(index, firstLine + Math.max(line, 1) - 1, redact(json));
    }
    return new ManifestException(index, firstLine, "cannot be read: " + e.getClass().getName());
  }

  private static MarkedYAMLException findYamlCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException) {
        return (MarkedYAMLException) cause;
      }
    }
    return null;
  }

  /** Returns Jackson's message without quoted input, which could be a secret value. */
  private static String redact(JsonProcessingException e) {
    return QUOTED.matcher(e.getOriginalMessage()).replaceAll("'…'");
  }

  /** Consecutive lines of one document, before parsing. */
  private record Piece(List<String> lines, int firstLine) {

    Piece {
      lines = List.copyOf(lines);
    }

    boolean explicit() {
      return !lines.isEmpty() && START_MARKER.matcher(lines.get(0)).matches();
    }

    boolean contentFree() {
      return lines.stream()
          .allMatch(
              line -> NO_CONTENT.matcher(line).matches() || END_MARKER.matcher(line).matches());
    }
  }
}
