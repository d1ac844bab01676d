package io.github.pullsecrets.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes a file only its owner can read, replacing any old one atomically. */
final class OwnerOnlyFile {

  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFile() {}

  /**
   * Writes the text to a temporary file created with mode 0600 next to the target, then renames it
   * over the target, so no reader ever sees a partial or world-readable file.
   *
   * @param target the file to write
   * @param text the content, written as UTF-8
   * @throws IOException if the file cannot be written
   * @throws UnsupportedOperationException if the file system has no POSIX permissions
   */
  static void write(Path target, String text) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      throw new UnsupportedOperationException("owner-only files need POSIX permissions");
    }
    Path directory = target.toAbsolutePath().getParent();
    Path temporary =
        Files.createTempFile(
            directory, ".secret-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
