package io.github.pullsecrets.k8s.internal.kube;

import io.github.pullsecrets.k8s.KubeConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token read from a file and read again once it is a minute old, as the kubelet rotates the
 * projected service account token in place. Thread-safe.
 */
public final class TokenFile implements Credentials {

  /** How long a read token is used before the file is read again. */
  static final Duration REREAD_AFTER = Duration.ofMinutes(1);

  private final Path file;
  private final Clock clock;
  private String token;
  private Instant readAt = Instant.MIN;

  /**
   * Creates the source.
   *
   * @param file the token file
   * @param clock the clock that decides when to read again
   */
  public TokenFile(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  @Override
  public synchronized Optional<String> bearerToken() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(readAt.plus(REREAD_AFTER))) {
      token = read();
      readAt = now;
    }
    return Optional.of(token);
  }

  @Override
  public synchronized void invalidate() {
    token = null;
  }

  @Override
  public boolean refreshable() {
    return true;
  }

  @Override
  public String describe() {
    return "token file " + file;
  }

  private String read() {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new KubeConfigException("token file is empty: " + file);
      }
      return text;
    } catch (IOException e) {
      throw new KubeConfigException("cannot read token file " + file, e);
    }
  }
}
