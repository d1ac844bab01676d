package io.github.pullsecrets.auth;

import io.github.pullsecrets.auth.internal.image.ImageStore;
import io.github.pullsecrets.auth.internal.image.ImageStores;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An image on disk to push: an OCI image layout folder, or a tar archive holding an OCI layout (as
 * {@code skopeo copy ... oci-archive:} and Docker 25+ {@code docker save} write) or the older
 * {@code docker save} format with {@code manifest.json}; a gzip archive is accepted too. Nothing is
 * read until a push opens it. Immutable.
 */
public final class ImageSource {

  private final Path path;
  private final boolean archive;
  private final String tag;

  private ImageSource(Path path, boolean archive, String tag) {
    this.path = Objects.requireNonNull(path, "path");
    this.archive = archive;
    this.tag = Objects.requireNonNull(tag, "tag");
  }

  /**
   * Returns the only image of an OCI image layout folder.
   *
   * @param folder the folder holding {@code oci-layout}, {@code index.json} and {@code blobs}
   * @return the source
   */
  public static ImageSource ociLayout(Path folder) {
    return new ImageSource(folder, false, "");
  }

  /**
   * Returns the image of an OCI image layout folder whose {@code org.opencontainers.image.ref.name}
   * annotation is a tag.
   *
   * @param folder the layout folder
   * @param tag the reference name in {@code index.json}, such as {@code 1.4}
   * @return the source
   */
  public static ImageSource ociLayout(Path folder, String tag) {
    return new ImageSource(folder, false, requireTag(tag));
  }

  /**
   * Returns the only image of a tar archive (OCI layout or {@code docker save}).
   *
   * @param file the archive, uncompressed or gzip
   * @return the source
   */
  public static ImageSource archive(Path file) {
    return new ImageSource(file, true, "");
  }

  /**
   * Returns one image of a tar archive: in an OCI archive the {@code index.json} entry with this
   * reference name; in a {@code docker save} archive the image whose {@code RepoTags} holds it,
   * whole ({@code team/app:1.4}) or as the part after the colon ({@code 1.4}).
   *
   * @param file the archive, uncompressed or gzip
   * @param tag the tag
   * @return the source
   */
  public static ImageSource archive(Path file, String tag) {
    return new ImageSource(file, true, requireTag(tag));
  }

  /** Returns the folder or archive. */
  public Path path() {
    return path;
  }

  ImageStore open() {
    return archive ? ImageStores.archive(path, tag) : ImageStores.ociLayout(path, tag);
  }

  private static String requireTag(String tag) {
    if (Objects.requireNonNull(tag, "tag").isBlank()) {
      throw new IllegalArgumentException("tag must not be blank");
    }
    return tag;
  }

  @Override
  public String toString() {
    return (archive ? "archive " : "OCI layout ") + path + (tag.isEmpty() ? "" : " tag " + tag);
  }
}
