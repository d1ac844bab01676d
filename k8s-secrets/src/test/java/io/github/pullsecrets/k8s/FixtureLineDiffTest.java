package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Patches every third-party YAML manifest in the shared fixtures folder (read at run time, never
 * copied) and checks the text, line by line: attaching adds only the reference lines, as a careful
 * human would, and detaching them again gives back the original bytes.
 */
class FixtureLineDiffTest {

  private static final String SECRET = "dcd";
  private static final String KEY_LINE = "imagePullSecrets:";
  private static final String ITEM_LINE = "- name: " + SECRET;

  /**
   * Workloads per file, and how many of them already have a list.
   *
   * @param workloads the workloads to patch
   * @param withList those that already have an imagePullSecrets list
   */
  private record Expected(int workloads, int withList) {

    int addedLines() {
      return 2 * workloads - withList;
    }
  }

  private static final Map<String, Expected> EXPECTED =
      Map.of(
          "argo-cd-redis-ha-helm-rendered.yaml", new Expected(2, 0),
          "microservices-demo-release.yaml", new Expected(12, 0),
          "podinfo-cronjob-warm-cache.yaml", new Expected(1, 0),
          "podinfo-kustomize-deployment.yaml", new Expected(1, 0),
          "website-daemonset.yaml", new Expected(1, 0),
          "website-frontend-replicaset.yaml", new Expected(1, 0),
          "website-job.yaml", new Expected(1, 0),
          "website-private-reg-pod.yaml", new Expected(1, 1),
          "website-web-statefulset.yaml", new Expected(1, 0));

  static Stream<Path> yamlFixtures() throws IOException {
    try (Stream<Path> files = Files.list(TestFiles.manifestFixtures())) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("yamlFixtures")
  void attachingAddsOnlyTheReferenceLines(Path fixture) throws IOException {
    String original = Files.readString(fixture);

    String patched = Manifests.read(fixture).attachPullSecret(SECRET).text();

    Expected expected = EXPECTED.get(fixture.getFileName().toString());
    assertThat(expected).as("expected counts for %s", fixture.getFileName()).isNotNull();
    List<String> added = addedLines(lines(original), lines(patched));
    assertThat(added).hasSize(expected.addedLines());
    assertThat(added)
        .filteredOn(line -> line.strip().equals(ITEM_LINE))
        .hasSize(expected.workloads());
    assertThat(added)
        .filteredOn(line -> line.strip().equals(KEY_LINE))
        .hasSize(expected.workloads() - expected.withList());
  }

  static Stream<Path> commentedYamlFixtures() throws IOException {
    return yamlFixtures().filter(fixture -> !comments(read(fixture)).isEmpty());
  }

  @ParameterizedTest
  @MethodSource("commentedYamlFixtures")
  void attachingKeepsEveryCommentLine(Path fixture) throws IOException {
    String original = Files.readString(fixture);

    String patched = Manifests.read(fixture).attachPullSecret(SECRET).text();

    assertThat(lines(patched)).containsSubsequence(comments(original));
  }

  @ParameterizedTest
  @MethodSource("yamlFixtures")
  void detachingFromTheWrittenFileGivesBackTheOriginalBytes(Path fixture) throws IOException {
    String original = Files.readString(fixture);
    String patched = Manifests.read(fixture).attachPullSecret(SECRET).text();

    String restored = Manifests.parse(patched, ManifestFormat.YAML).detachPullSecret(SECRET).text();

    assertThat(patched).isNotEqualTo(original);
    assertThat(restored).isEqualTo(original);
  }

  @Test
  void attachingToServiceAccountsAddsTwoTopLevelLinesEach() throws IOException {
    Path fixture = TestFiles.manifestFixtures().resolve("microservices-demo-release.yaml");
    String original = Files.readString(fixture);

    String patched =
        Manifests.read(fixture)
            .attachPullSecret(SECRET, PatchTargets.WORKLOADS_AND_SERVICE_ACCOUNTS)
            .text();

    List<String> added = addedLines(lines(original), lines(patched));
    assertThat(added).hasSize(2 * (12 + 11));
    assertThat(added).filteredOn(line -> line.equals(KEY_LINE)).hasSize(11);
    assertThat(added).filteredOn(line -> line.equals(ITEM_LINE)).hasSize(11);
    assertThat(
            Manifests.parse(patched, ManifestFormat.YAML)
                .detachPullSecret(SECRET, PatchTargets.WORKLOADS_AND_SERVICE_ACCOUNTS)
                .text())
        .isEqualTo(original);
  }

  /**
   * Returns the lines of {@code patched} that are not in {@code original}, after checking that
   * {@code original} is {@code patched} with lines taken out (a diff of additions only).
   */
  private static List<String> addedLines(List<String> original, List<String> patched) {
    List<String> added = new ArrayList<>();
    int next = 0;
    for (String line : patched) {
      if (next < original.size() && original.get(next).equals(line)) {
        next++;
      } else {
        added.add(line);
      }
    }
    assertThat(next).as("original lines kept, in order, unchanged").isEqualTo(original.size());
    return added;
  }

  private static List<String> comments(String text) {
    return lines(text).stream().filter(line -> line.stripLeading().startsWith("#")).toList();
  }

  private static String read(Path fixture) {
    try {
      return Files.readString(fixture);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(String text) {
    return List.of(text.split("\n", -1));
  }
}
