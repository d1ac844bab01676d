package io.github.pullsecrets.k8s;

/**
 * Thrown when a manifest file cannot be read or written back: malformed YAML or JSON, a duplicate
 * key, an unknown alias, or a document that would change meaning if printed again.
 *
 * <p>The message names the document (counted from 0) and the line (counted from 1, in the whole
 * file) and states the problem; it never quotes the offending text.
 */
public final class ManifestException extends KubernetesException {

  private final int documentIndex;
  private final int line;

  /**
   * Creates an exception for one document of a manifest stream.
   *
   * @param documentIndex the index of the document in the stream, counted from 0
   * @param line the line in the whole file, counted from 1
   * @param problem what is wrong, free of secrets
   */
  public ManifestException(int documentIndex, int line, String problem) {
    super("document " + documentIndex + " (line " + line + "): " + problem);
    this.documentIndex = documentIndex;
    this.line = line;
  }

  /** Returns the index of the document in the stream, counted from 0. */
  public int documentIndex() {
    return documentIndex;
  }

  /** Returns the line of the problem in the whole file, counted from 1. */
  public int line() {
    return line;
  }
}
