package io.github.pullsecrets.auth.internal.image;

import io.github.pullsecrets.auth.InvalidImageSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/** Opens image sources: OCI layout folders and OCI or {@code docker save} tar archives. */
public final class ImageStores {

  private ImageStores() {}

  /**
   * Opens an OCI image layout folder.
   *
   * @param folder the folder holding {@code oci-layout} and {@code index.json}
   * @param tag the {@code org.opencontainers.image.ref.name} to push, or empty for the only image
   * @return the store
   * @throws InvalidImageSourceException if the folder is not a layout
   */
  public static ImageStore ociLayout(Path folder, String tag) {
    if (!Files.isDirectory(folder)) {
      throw new InvalidImageSourceException(folder.toString(), "not a folder");
    }
    return new OciLayoutStore(new FolderEntries(folder), tag, folder.toString());
  }

  /**
   * Opens a tar archive, uncompressed or gzip: an OCI layout when it holds {@code index.json},
   * otherwise a {@code docker save} archive with {@code manifest.json}. A gzip archive is expanded
   * into a temporary file, deleted when the store is closed.
   *
   * @param archive the archive file
   * @param tag the tag to push, or empty for the only image
   * @return the store
   * @throws InvalidImageSourceException if the archive holds neither
   * @throws UncheckedIOException if it cannot be read
   */
  public static ImageStore archive(Path archive, String tag) {
    String source = archive.toString();
    TarArchive tar = open(archive, source);
    try {
      if (tar.exists("index.json")) {
        return new OciLayoutStore(tar, tag, source);
      }
      if (tar.exists("manifest.json")) {
        return new DockerArchiveStore(tar, tag, source);
      }
      throw new InvalidImageSourceException(source, "holds neither index.json nor manifest.json");
    } catch (RuntimeException e) {
      tar.close();
      throw e;
    }
  }

  private static TarArchive open(Path archive, String source) {
    try {
      if (!TarArchive.gzipped(archive)) {
        return TarArchive.index(archive, source, () -> {});
      }
      Path expanded = Files.createTempFile("pullsecrets-archive", ".tar");
      try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
        Files.copy(in, expanded, StandardCopyOption.REPLACE_EXISTING);
        return TarArchive.index(expanded, source, () -> deleteQuietly(expanded));
      } catch (IOException | RuntimeException e) {
        deleteQuietly(expanded);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }
}
