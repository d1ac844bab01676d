package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Test resources, the shared fixture folder, and plain Jackson reading for comparisons. */
final class TestFiles {

  static final ObjectMapper JSON = new ObjectMapper();

  private TestFiles() {}

  /** Returns a test resource as text. */
  static String resource(String name) {
    return new String(resourceBytes(name), StandardCharsets.UTF_8);
  }

  /** Returns a test resource's bytes. */
  static byte[] resourceBytes(String name) {
    try (InputStream in = TestFiles.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the shared folder ({@code pullsecrets.shared.dir}, else {@code ../../shared} from the
   * module), skipping the test when it is absent.
   */
  static Path sharedDir() {
    Optional<Path> found =
        Optional.ofNullable(System.getProperty("pullsecrets.shared.dir"))
            .map(Path::of)
            .filter(Files::isDirectory)
            .or(() -> Optional.of(Path.of("../../shared")).filter(Files::isDirectory));
    Assumptions.assumeTrue(
        found.isPresent(),
        "the shared folder is absent (set -Dpullsecrets.shared.dir): skipping fixture tests");
    return found.get().toAbsolutePath().normalize();
  }

  /** Returns the third-party manifest fixtures folder, read at run time, never copied. */
  static Path manifestFixtures() {
    return sharedDir().resolve("fixtures/manifests");
  }

  /** Returns every top-level JSON value of a stream, read by plain Jackson. */
  static List<JsonNode> jsonValues(String text) {
    try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(text)) {
      List<JsonNode> result = new ArrayList<>();
      values.forEachRemaining(result::add);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the names in the imagePullSecrets list at a JSON pointer to a pod spec. */
  static List<String> pullSecretNames(JsonNode object, String podSpecPointer) {
    List<String> names = new ArrayList<>();
    JsonNode list = object.at(podSpecPointer + "/imagePullSecrets");
    list.forEach(entry -> names.add(entry.path("name").asText()));
    return names;
  }
}
