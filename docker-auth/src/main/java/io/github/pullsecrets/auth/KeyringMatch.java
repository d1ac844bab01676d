package io.github.pullsecrets.auth;

import java.util.Objects;

/**
 * One credential the kubelet would try for an image: which pull secret and entry it comes from, the
 * normalised key that matched, and whether it was reached only through the Docker Hub fallback.
 * {@link #toString()} never shows the password.
 *
 * @param secretName the name of the pull secret the entry belongs to
 * @param entryKey the entry's key exactly as written in the secret
 * @param matchedKey the key after the kubelet's normalisation (no scheme, no {@code /v1/})
 * @param credential the user name and password the kubelet would send
 * @param dockerHubFallback whether the entry was used only because nothing else matched a Docker
 *     Hub image
 */
public record KeyringMatch(
    String secretName,
    String entryKey,
    String matchedKey,
    RegistryCredential credential,
    boolean dockerHubFallback) {

  /** Checks that no component is null. */
  public KeyringMatch {
    Objects.requireNonNull(secretName, "secretName");
    Objects.requireNonNull(entryKey, "entryKey");
    Objects.requireNonNull(matchedKey, "matchedKey");
    Objects.requireNonNull(credential, "credential");
  }

  /** Returns where the credential comes from and its user name; never the password. */
  @Override
  public String toString() {
    return secretName
        + "["
        + entryKey
        + "] key="
        + matchedKey
        + " user="
        + credential.username()
        + (dockerHubFallback ? " (Docker Hub fallback)" : "");
  }
}
