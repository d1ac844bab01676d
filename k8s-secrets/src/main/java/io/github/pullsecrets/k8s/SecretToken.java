package io.github.pullsecrets.k8s;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pull Secret in the cluster and the token its annotations say it carries.
 *
 * @param namespace the namespace
 * @param name the Secret name
 * @param tokenId the {@value Rotation#TOKEN_ID} annotation; empty if absent
 * @param expiresAt the {@value Rotation#TOKEN_EXPIRES_AT} annotation; empty if absent
 */
public record SecretToken(
    String namespace, String name, Optional<String> tokenId, Optional<Instant> expiresAt) {

  /** Checks that no component is null. */
  public SecretToken {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Returns {@code namespace/name}. */
  public String path() {
    return namespace + "/" + name;
  }
}
