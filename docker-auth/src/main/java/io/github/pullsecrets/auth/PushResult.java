package io.github.pullsecrets.auth;

import java.util.List;
import java.util.Objects;

/**
 * What a push, retag or copy put into the target registry.
 *
 * @param image the target image, with the tag that now points at the manifest
 * @param digest the digest of the pushed manifest (or index), as the registry confirmed it
 * @param mediaType the manifest's media type
 * @param childManifests the digests of the manifests an index refers to, pushed before it; empty
 *     for a single-platform image
 * @param blobsUploaded how many blobs were sent
 * @param blobsMounted how many blobs were mounted from another repository of the same registry
 * @param blobsPresent how many blobs the registry already had
 * @param bytesUploaded how many blob bytes were sent
 */
public record PushResult(
    ImageReference image,
    String digest,
    String mediaType,
    List<String> childManifests,
    int blobsUploaded,
    int blobsMounted,
    int blobsPresent,
    long bytesUploaded) {

  /** Validates the components and copies the list. */
  public PushResult {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    childManifests = List.copyOf(childManifests);
    if (blobsUploaded < 0 || blobsMounted < 0 || blobsPresent < 0 || bytesUploaded < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** Returns the image pinned by digest, {@code host/repository@sha256:...}. */
  public String pinned() {
    return image.name() + "@" + digest;
  }
}
