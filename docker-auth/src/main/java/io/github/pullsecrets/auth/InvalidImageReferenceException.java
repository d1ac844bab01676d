package io.github.pullsecrets.auth;

/**
 * Thrown when a string is not a valid image reference under the grammar of the
 * distribution/reference library that Docker, containerd and the kubelet use.
 */
public final class InvalidImageReferenceException extends DockerAuthException {

  private static final long serialVersionUID = 1L;

  private final String reference;
  private final String reason;

  InvalidImageReferenceException(String reference, String reason) {
    super("invalid image reference \"" + shorten(reference) + "\": " + reason);
    this.reference = reference;
    this.reason = reason;
  }

  /** Returns the text that was rejected. */
  public String reference() {
    return reference;
  }

  /**
   * Returns the reason, worded as the distribution/reference library words it, for example {@code
   * invalid reference format: repository name (Team/app) must be lowercase}.
   */
  public String reason() {
    return reason;
  }

  private static String shorten(String reference) {
    return reference.length() <= 300 ? reference : reference.substring(0, 300) + "...";
  }
}
