package io.github.pullsecrets.examples;

import io.github.pullsecrets.k8s.KubernetesException;
import io.github.pullsecrets.k8s.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest files the quickstart reads: single files as given, and every {@code .yaml}, {@code
 * .yml} or {@code .json} file below a folder (hidden folders and the output folder skipped), each
 * with the name it gets in the output folder.
 */
final class ManifestInputs {

  /** One manifest file, read, with its name in the output folder. */
  record Input(Path outputName, Optional<Path> source, Manifests manifests) {}

  private final Path outputFolder;
  private final Map<Path, Input> inputs = new LinkedHashMap<>();

  private ManifestInputs(Path outputFolder) {
    this.outputFolder = Quickstart.normal(outputFolder);
  }

  /**
   * Reads every manifest below the given files and folders.
   *
   * @param paths files and folders as given on the command line
   * @param outputFolder where the results go; never read from
   * @return the inputs, in command-line order, files of a folder sorted by path
   * @throws IllegalArgumentException naming the file, when a file cannot be read or parsed, two
   *     inputs would get the same output name, or no manifest file is found
   */
  static List<Input> read(List<Path> paths, Path outputFolder) {
    ManifestInputs reader = new ManifestInputs(outputFolder);
    for (Path path : paths) {
      reader.add(path);
    }
    if (reader.inputs.isEmpty()) {
      throw new IllegalArgumentException(
          "no manifest files (*.yaml, *.yml, *.json) found in " + paths);
    }
    return List.copyOf(reader.inputs.values());
  }

  private void add(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(path + ": no such file or folder");
    }
    if (!Files.isDirectory(path)) {
      addFile(path.getFileName(), path);
      return;
    }
    for (Path file : filesBelow(path)) {
      addFile(path.relativize(file), file);
    }
  }

  private void addFile(Path outputName, Path file) {
    Input previous = inputs.get(outputName);
    if (previous != null) {
      throw new IllegalArgumentException(
          "two inputs would both be written to "
              + outputName
              + ": "
              + previous.source().orElseThrow()
              + " and "
              + file);
    }
    inputs.put(outputName, new Input(outputName, Optional.of(file), parse(file)));
  }

  private static Manifests parse(Path file) {
    try {
      return Manifests.read(file);
    } catch (KubernetesException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw new IllegalArgumentException(file + ": is not UTF-8 text", e);
      }
      throw new IllegalArgumentException(file + ": cannot be read: " + reason(e.getCause()), e);
    }
  }

  private List<Path> filesBelow(Path folder) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(folder, new Collector(folder, files));
    } catch (IOException e) {
      throw new IllegalArgumentException(folder + ": cannot be listed: " + reason(e), e);
    }
    files.sort(null);
    return files;
  }

  private static String reason(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /** Collects manifest files, skipping hidden folders and the output folder. */
  private final class Collector extends SimpleFileVisitor<Path> {

    private final Path root;
    private final List<Path> files;

    Collector(Path root, List<Path> files) {
      this.root = root;
      this.files = files;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
      boolean hidden = !dir.equals(root) && dir.getFileName().toString().startsWith(".");
      boolean output = !dir.equals(root) && Quickstart.normal(dir).equals(outputFolder);
      return hidden || output ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      if (attributes.isRegularFile() && isManifest(file)) {
        files.add(file);
      }
      return FileVisitResult.CONTINUE;
    }
  }
}
