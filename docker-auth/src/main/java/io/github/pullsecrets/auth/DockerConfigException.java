package io.github.pullsecrets.auth;

import java.util.Optional;

/**
 * Thrown when a Docker {@code config.json}, {@code .dockerconfigjson} or {@code .dockercfg}
 * document cannot be read: not JSON, the wrong shape, or an entry whose {@code auth} field does not
 * decode.
 *
 * <p>The message names the entry key and the problem; it never echoes any part of the document's
 * values, because they may be secrets.
 */
public final class DockerConfigException extends DockerAuthException {

  private static final long serialVersionUID = 1L;

  private final String entryKey;

  DockerConfigException(String message, String entryKey) {
    super(message);
    this.entryKey = entryKey;
  }

  /** Returns the key of the {@code auths} entry that failed, if the problem is in one entry. */
  public Optional<String> entryKey() {
    return Optional.ofNullable(entryKey);
  }
}
