package io.github.pullsecrets.k8s.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lines of one document's text, numbered from 1 as Jackson numbers them, with pending
 * insertions and deletions that {@link #result()} applies in one pass, so line numbers stay those
 * of the original text however many edits are queued.
 */
final class TextLines {

  private final String text;
  private final List<String> lines;
  private final String newline;
  private final Map<Integer, List<String>> insertions = new TreeMap<>();
  private final Set<Integer> deletions = new HashSet<>();

  private TextLines(String text, List<String> lines, String newline) {
    this.text = text;
    this.lines = lines;
    this.newline = newline;
  }

  /**
   * Splits a text into lines. Refuses line breaks on which Jackson's and our line numbers could
   * differ (a lone {@code \r}, NEL, LS, PS) and a mix of {@code \n} and {@code \r\n}.
   */
  static TextLines of(String text) {
    if (text.indexOf('\u0085') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0) {
      throw new TextEditRefused("a Unicode line separator");
    }
    String withoutCrLf = text.replace("\r\n", "");
    if (withoutCrLf.indexOf('\r') >= 0) {
      throw new TextEditRefused("a carriage return without a line feed");
    }
    boolean crLf = withoutCrLf.length() < text.length();
    if (crLf && withoutCrLf.indexOf('\n') >= 0) {
      throw new TextEditRefused("mixed line ends");
    }
    return new TextLines(text, split(text), crLf ? "\r\n" : "\n");
  }

  /** Returns the original text. */
  String text() {
    return text;
  }

  /** Returns a line without its line end; empty past the last line. */
  String content(int line) {
    if (line < 1 || line > lines.size()) {
      return "";
    }
    return lines.get(line - 1).stripTrailing();
  }

  /** Returns whether a line holds only white space, or lies past the last line. */
  boolean isBlank(int line) {
    return content(line).isBlank();
  }

  /** Returns the text of a line before a column (from 1, counted in code points). */
  String before(int line, int column) {
    String content = content(line);
    int points = content.codePointCount(0, content.length());
    if (column < 1 || column - 1 > points) {
      throw new TextEditRefused("a location outside the text");
    }
    return content.substring(0, content.offsetByCodePoints(0, column - 1));
  }

  /** Returns the character at a column (from 1), or a space past the end of the line. */
  char charAt(int line, int column) {
    String content = content(line);
    String head = before(line, column);
    return head.length() < content.length() ? content.charAt(head.length()) : ' ';
  }

  /**
   * Returns the last of the comment lines that directly follow {@code line} and start right of
   * {@code column}, or {@code line} when there are none: such comments belong to the block that
   * ends at {@code line}. A blank line ends the run.
   */
  int lastDeeperComment(int line, int column) {
    int last = line;
    while (last < lines.size() && isCommentRightOf(last + 1, column)) {
      last++;
    }
    return last;
  }

  private boolean isCommentRightOf(int line, int column) {
    String content = content(line);
    String stripped = content.stripLeading();
    int commentColumn = content.length() - stripped.length() + 1;
    return stripped.startsWith("#") && commentColumn > column;
  }

  /** Queues lines (without line ends) to be inserted after a line. */
  void insertAfter(int line, List<String> added) {
    insertions.computeIfAbsent(line, key -> new ArrayList<>()).addAll(added);
  }

  /** Queues the deletion of the lines from {@code first} to {@code last}, both included. */
  void delete(int first, int last) {
    for (int line = first; line <= last; line++) {
      deletions.add(line);
    }
  }

  /**
   * Returns the text with every queued edit applied. Inserted lines get the text's line end; a text
   * that did not end with a line end still does not.
   */
  String result() {
    StringBuilder out = new StringBuilder();
    for (int line = 1; line <= lines.size(); line++) {
      if (!deletions.contains(line)) {
        out.append(lines.get(line - 1));
      }
      for (String added : insertions.getOrDefault(line, List.of())) {
        endLine(out);
        out.append(added).append(newline);
      }
    }
    if (!text.endsWith("\n") && out.toString().endsWith(newline)) {
      out.setLength(out.length() - newline.length());
    }
    return out.toString();
  }

  private void endLine(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append(newline);
    }
  }

  /** Splits text into lines that keep their line end; the last may have none. */
  static List<String> split(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int newline = text.indexOf('\n', start);
      int end = newline < 0 ? text.length() : newline + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return lines;
  }
}
