package io.github.pullsecrets.auth.internal.image;

import io.github.pullsecrets.auth.BlobDigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Reads exactly a descriptor's size of bytes from a stream, hashing them on the way. When the last
 * byte has been read, and before it is handed on, the digest is compared with the descriptor's; a
 * mismatch, or a stream that ends early, fails the read with an {@link IOException} so that an
 * upload streaming these bytes is cut off before it completes. The failure is also kept for {@link
 * #mismatch()}, because an HTTP client may wrap or replace the exception.
 */
public final class VerifyingStream extends InputStream {

  private static final long REPORT_EVERY = 1 << 20;

  private final InputStream in;
  private final Descriptor blob;
  private final MessageDigest digest;
  private final LongConsumer progress;
  private long read;
  private long reported;
  private volatile BlobDigestMismatchException mismatch;

  /**
   * Wraps a stream.
   *
   * @param in the bytes of the blob
   * @param blob the descriptor the bytes must match
   * @param progress told the number of bytes read, about once per MiB and at the end
   */
  public VerifyingStream(InputStream in, Descriptor blob, LongConsumer progress) {
    this.in = in;
    this.blob = blob;
    this.digest = Hashes.newDigest(blob.algorithm());
    this.progress = progress;
  }

  /** Returns the mismatch found, if the bytes did not match the descriptor. */
  public Optional<BlobDigestMismatchException> mismatch() {
    return Optional.ofNullable(mismatch);
  }

  /** Returns whether every byte was read and matched. */
  public boolean verified() {
    return read == blob.size() && mismatch == null;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    long remaining = blob.size() - read;
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      throw fail("the stream ended after " + read + " of " + blob.size() + " bytes");
    }
    digest.update(buffer, offset, n);
    read += n;
    report();
    if (read == blob.size()) {
      check();
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void check() throws IOException {
    String actual = Hashes.finish(blob.algorithm(), digest);
    if (!actual.equals(blob.digest())) {
      throw fail(actual);
    }
  }

  private void report() {
    if (read - reported >= REPORT_EVERY || read == blob.size()) {
      reported = read;
      progress.accept(read);
    }
  }

  private IOException fail(String actual) {
    mismatch = new BlobDigestMismatchException(blob.digest(), actual);
    return new IOException(mismatch.getMessage(), mismatch);
  }
}
