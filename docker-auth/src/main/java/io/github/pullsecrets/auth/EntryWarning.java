package io.github.pullsecrets.auth;

/**
 * Something about a Docker config entry that the kubelet accepts but another tool reads
 * differently, found while reading the entry.
 */
public enum EntryWarning {
  /** {@code auth} is base64 without padding; docker CLI and containers/image reject it. */
  UNPADDED_AUTH(
      "auth is base64 without padding: the docker CLI cannot read the file, and containers/image"
          + " (skopeo, podman, CRI-O) rejects it"),

  /** Only the {@code username}/{@code password} fields are set; containers/image ignores them. */
  FIELDS_WITHOUT_AUTH(
      "username and password are set without auth: containers/image (skopeo, podman, CRI-O)"
          + " reads only auth and ignores the entry"),

  /** {@code auth} and the {@code username}/{@code password} fields disagree; auth wins. */
  AUTH_OVERRIDES_FIELDS("auth and the username/password fields disagree: auth is used"),

  /** The user name is empty; the docker CLI refuses the whole file. */
  EMPTY_USERNAME("the user name is empty: the docker CLI refuses to read the file"),

  /** The entry holds no credentials, as the placeholder the docker CLI writes for a helper. */
  NO_CREDENTIALS("the entry holds no credentials (a placeholder, e.g. for a credential helper)"),

  /** The entry holds an identity token, which the kubelet ignores. */
  IDENTITY_TOKEN("the entry holds an identity token, which the kubelet ignores");

  private final String description;

  EntryWarning(String description) {
    this.description = description;
  }

  /** Returns a sentence that explains the warning. */
  public String description() {
    return description;
  }
}
