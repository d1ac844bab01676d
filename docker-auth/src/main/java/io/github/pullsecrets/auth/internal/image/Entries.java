package io.github.pullsecrets.auth.internal.image;

import java.io.IOException;
import java.io.InputStream;

/** The named files of an image source: a folder or a tar archive. */
public interface Entries extends AutoCloseable {

  /**
   * Returns whether a file exists.
   *
   * @param name the slash-separated path inside the source
   * @return true when it exists
   */
  boolean exists(String name);

  /**
   * Opens a file for reading.
   *
   * @param name the slash-separated path inside the source
   * @return the stream; the caller closes it
   * @throws IOException if the file is missing or cannot be read
   */
  InputStream open(String name) throws IOException;

  /**
   * Reads a small file completely.
   *
   * @param name the slash-separated path inside the source
   * @param limit the largest size accepted
   * @return the bytes
   * @throws IOException if the file is missing, unreadable or larger than the limit
   */
  default byte[] read(String name, int limit) throws IOException {
    try (InputStream in = open(name)) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw new IOException(name + " is larger than " + limit + " bytes");
      }
      return bytes;
    }
  }

  /** Releases what the source holds open; deletes a temporary copy. */
  @Override
  void close();
}
