package io.github.pullsecrets.auth.internal.image;

import io.github.pullsecrets.auth.internal.http.RequestBody;

/**
 * Where a push reads an image from: the manifest to push, the manifests an index refers to, and the
 * bytes of each blob. Closing releases temporary files and connections.
 */
public interface ImageStore extends AutoCloseable {

  /** Returns the manifest or index to push, as stored. */
  Manifest root();

  /**
   * Returns a manifest an index refers to, checked against its descriptor.
   *
   * @param descriptor the index entry
   * @return the manifest
   */
  Manifest manifest(Descriptor descriptor);

  /**
   * Returns how to open the bytes of a blob. The bytes are not yet checked; the push checks them
   * while it streams them.
   *
   * @param descriptor the blob's descriptor
   * @return the opener, and whether it may be opened again for a retry
   */
  Blob blob(Descriptor descriptor);

  @Override
  void close();

  /**
   * How to open a blob's bytes.
   *
   * @param opener opens the bytes
   * @param repeatable whether the opener may be called more than once
   */
  record Blob(RequestBody.Opener opener, boolean repeatable) {}
}
