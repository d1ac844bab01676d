package io.github.pullsecrets.auth.internal.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * A request body that is streamed, not held: its media type, its exact length and a way to open it.
 * A repeatable body opens a fresh stream for each attempt, so the request may be retried; a body
 * that can be read only once is sent exactly once. The bytes are never printed.
 *
 * @param contentType the {@code Content-Type} to send
 * @param length the exact number of bytes the stream yields
 * @param opener opens the stream, once per attempt
 * @param repeatable whether {@code opener} may be called again for a retry
 */
public record RequestBody(String contentType, long length, Opener opener, boolean repeatable) {

  /** Opens the bytes of a body. */
  @FunctionalInterface
  public interface Opener {

    /**
     * Opens a new stream over the body.
     *
     * @return the stream, positioned at the first byte
     * @throws IOException if the bytes cannot be read
     */
    InputStream open() throws IOException;
  }

  /** Validates the components. */
  public RequestBody {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(opener, "opener");
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
  }

  /**
   * Returns a repeatable body over bytes already in memory.
   *
   * @param contentType the media type
   * @param bytes the bytes, not copied
   * @return the body
   */
  public static RequestBody of(String contentType, byte[] bytes) {
    return new RequestBody(contentType, bytes.length, () -> new ByteArrayInputStream(bytes), true);
  }

  HttpRequest.BodyPublisher publisher() {
    if (length == 0) {
      return HttpRequest.BodyPublishers.noBody();
    }
    return HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(this::openUnchecked), length);
  }

  private InputStream openUnchecked() {
    try {
      return opener.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the media type and length; never the bytes. */
  @Override
  public String toString() {
    return "RequestBody{" + contentType + ", " + length + " bytes}";
  }
}
