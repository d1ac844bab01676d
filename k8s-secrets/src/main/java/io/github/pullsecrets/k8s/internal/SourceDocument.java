package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One document of a manifest stream as read: its original text, split into the lines before the
 * content ({@code ---} and comments), the content, and the lines after it, and its parsed tree.
 *
 * @param index the position in the stream, from 0
 * @param line the line where the document's text starts in the whole file, from 1
 * @param prefix the separator, comments and blank lines before the content
 * @param body the content
 * @param suffix comments, blank lines and end markers after the content
 * @param tree the parsed content; a missing or null node for an empty document
 */
public record SourceDocument(
    int index, int line, String prefix, String body, String suffix, JsonNode tree) {

  /** Returns the document's original text. */
  public String text() {
    return prefix + body + suffix;
  }

  /** Returns whether the document has no content at all. */
  public boolean isEmpty() {
    return tree.isMissingNode() || tree.isNull();
  }

  /** Returns this document with its trailing text replaced. */
  SourceDocument withSuffix(String newSuffix) {
    return new SourceDocument(index, line, prefix, body, newSuffix, tree);
  }
}
