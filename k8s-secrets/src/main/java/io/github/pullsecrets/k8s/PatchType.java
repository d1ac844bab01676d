package io.github.pullsecrets.k8s;

/** The patch formats the API server accepts, with their media types. */
public enum PatchType {
  /** Strategic merge patch: lists with a merge key, such as pod {@code imagePullSecrets}, merge. */
  STRATEGIC_MERGE("application/strategic-merge-patch+json"),
  /** JSON merge patch (RFC 7386): lists are replaced, {@code null} removes a field. */
  MERGE("application/merge-patch+json"),
  /** JSON patch (RFC 6902): a list of operations; a failed {@code test} answers 422. */
  JSON("application/json-patch+json");

  private final String mediaType;

  PatchType(String mediaType) {
    this.mediaType = mediaType;
  }

  /** Returns the {@code Content-Type} sent with the patch. */
  public String mediaType() {
    return mediaType;
  }
}
