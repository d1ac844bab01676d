package io.github.pullsecrets.auth;

import java.util.Objects;

/**
 * Thrown when the bytes of a blob do not hash to the digest its descriptor names, or are not as
 * long as the descriptor says. The bytes were checked while they were streamed, and the upload was
 * stopped before the registry could commit it.
 */
public final class BlobDigestMismatchException extends ImageTransferException {

  private static final long serialVersionUID = 1L;

  private final String blob;
  private final String actual;

  /**
   * Creates the exception.
   *
   * @param blob the digest the descriptor names
   * @param actual the digest of the bytes read, or a sentence when they ended early
   */
  public BlobDigestMismatchException(String blob, String actual) {
    super("blob " + blob + " does not match its digest: read " + actual, null);
    this.blob = Objects.requireNonNull(blob, "blob");
    this.actual = Objects.requireNonNull(actual, "actual");
  }

  /** Returns the digest the descriptor names, {@code sha256:...}. */
  public String blob() {
    return blob;
  }

  /** Returns the digest of the bytes actually read, or why there was none. */
  public String actual() {
    return actual;
  }
}
