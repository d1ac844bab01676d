package io.github.pullsecrets.auth.internal.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * The next {@code length} bytes of a shared stream, for one chunk of an upload. Closing the slice
 * leaves the shared stream open.
 */
public final class SliceStream extends InputStream {

  private final InputStream shared;
  private long remaining;

  /**
   * Creates a slice.
   *
   * @param shared the stream the slice reads from
   * @param length how many bytes the slice yields at most
   */
  public SliceStream(InputStream shared, long length) {
    this.shared = shared;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    int n = shared.read(buffer, offset, (int) Math.min(length, remaining));
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public void close() {
    // The shared stream belongs to the whole upload; the next chunk reads on from it.
  }
}
