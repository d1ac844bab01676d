package io.github.pullsecrets.k8s.internal;

/**
 * Tells that a changed YAML document cannot be edited line by line and must be printed again. The
 * message names the shape that stopped the edit; it never holds a value from the document.
 */
final class TextEditRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TextEditRefused(String reason) {
    super(reason, null, false, false);
  }
}
