package io.github.pullsecrets.auth;

import java.util.Objects;

/**
 * Thrown when an image source is not what it claims to be: an OCI layout without {@code
 * index.json}, a tar archive with a broken header, a manifest that is not valid JSON, a tag that is
 * not there. The message names the source and what was wrong where.
 */
public final class InvalidImageSourceException extends DockerAuthException {

  private static final long serialVersionUID = 1L;

  private final String source;

  /**
   * Creates the exception.
   *
   * @param source the layout folder, archive or image that was read
   * @param reason what was wrong, and where
   */
  public InvalidImageSourceException(String source, String reason) {
    super(Objects.requireNonNull(source, "source") + ": " + reason);
    this.source = source;
  }

  /** Returns the layout folder, archive or image that was read. */
  public String source() {
    return source;
  }
}
