package io.github.pullsecrets.auth.internal.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The files of a folder; names never reach outside it. */
final class FolderEntries implements Entries {

  private final Path root;

  FolderEntries(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public boolean exists(String name) {
    Path path = resolve(name);
    return path != null && Files.isRegularFile(path);
  }

  @Override
  public InputStream open(String name) throws IOException {
    Path path = resolve(name);
    if (path == null) {
      throw new NoSuchFileException(name);
    }
    return Files.newInputStream(path);
  }

  @Override
  public void close() {
    // Nothing is held open between reads.
  }

  private Path resolve(String name) {
    Path path = root.resolve(name).normalize();
    return path.startsWith(root) ? path : null;
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
