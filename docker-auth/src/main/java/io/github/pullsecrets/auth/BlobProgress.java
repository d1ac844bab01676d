package io.github.pullsecrets.auth;

import java.util.Objects;

/**
 * How far one blob of a push or copy has come.
 *
 * @param digest the blob's digest, {@code sha256:...}
 * @param bytesDone bytes sent so far; equals {@code bytesTotal} once the blob is in place
 * @param bytesTotal the blob's size from its descriptor
 * @param state what is happening to the blob
 */
public record BlobProgress(String digest, long bytesDone, long bytesTotal, State state) {

  /** What is happening to a blob. */
  public enum State {
    /** The target registry already had the blob; nothing was sent. */
    ALREADY_PRESENT,
    /** The blob was mounted from another repository of the same registry; nothing was sent. */
    MOUNTED,
    /** Bytes are being sent; reported repeatedly. */
    TRANSFERRING,
    /** The upload finished and the registry accepted the digest. */
    UPLOADED
  }

  /** Validates the components. */
  public BlobProgress {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(state, "state");
    if (bytesDone < 0 || bytesTotal < 0 || bytesDone > bytesTotal) {
      throw new IllegalArgumentException(
          "need 0 <= bytesDone <= bytesTotal: " + bytesDone + ", " + bytesTotal);
    }
  }
}
