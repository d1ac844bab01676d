package io.github.pullsecrets.auth.internal.image;

import java.util.Set;

/** The manifest and blob media types of OCI and Docker images. */
public final class MediaTypes {

  /** An OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** An OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** A Docker manifest list. */
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** A Docker image manifest, schema 2. */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** A Docker image config. */
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  /** An uncompressed Docker layer. */
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";

  /** A gzip-compressed Docker layer. */
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";

  /** The four manifest types, for {@code Accept}. */
  public static final String ACCEPT_MANIFESTS =
      String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

  private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);

  private MediaTypes() {}

  /**
   * Returns whether a media type is an index of manifests.
   *
   * @param mediaType the type
   * @return true for an OCI index or a Docker manifest list
   */
  public static boolean index(String mediaType) {
    return INDEXES.contains(mediaType);
  }

  /**
   * Returns whether a layer may not be pushed to another registry (foreign or non-distributable).
   *
   * @param mediaType the layer type
   * @return true when the layer's bytes stay where they are
   */
  public static boolean nonDistributable(String mediaType) {
    return mediaType.contains(".foreign.") || mediaType.contains(".nondistributable.");
  }
}
