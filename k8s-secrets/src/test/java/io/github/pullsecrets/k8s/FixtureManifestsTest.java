package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.pullsecrets.k8s.ManifestChange.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Patches every third-party manifest in the shared fixtures folder (read at run time, never copied)
 * and checks that each workload carries the secret exactly once and that everything else is
 * unchanged, read back both by Jackson and by SnakeYAML's YAML 1.1 resolver.
 */
class FixtureManifestsTest {

  private static final String SECRET = "dcd";
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, String> POD_SPECS =
      Map.of(
          "Pod", "/spec",
          "ReplicationController", PatchCase.TEMPLATE,
          "Deployment", PatchCase.TEMPLATE,
          "ReplicaSet", PatchCase.TEMPLATE,
          "StatefulSet", PatchCase.TEMPLATE,
          "DaemonSet", PatchCase.TEMPLATE,
          "Job", PatchCase.TEMPLATE,
          "CronJob", PatchCase.CRON);
  private static final Map<String, Integer> WORKLOADS =
      Map.of(
          "microservices-demo-release.yaml", 12,
          "podinfo-kustomize-deployment.yaml", 1,
          "podinfo-cronjob-warm-cache.yaml", 1,
          "argo-cd-redis-ha-helm-rendered.yaml", 2,
          "website-private-reg-pod.yaml", 1,
          "website-web-statefulset.yaml", 1,
          "website-daemonset.yaml", 1,
          "website-job.yaml", 1,
          "website-frontend-replicaset.yaml", 1,
          "kubernetes-multi-resource-list.json", 1);
  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
  private static final Pattern WORKLOAD_KIND =
      Pattern.compile(
          "(?m)^kind: (Pod|ReplicationController|Deployment|ReplicaSet|StatefulSet|DaemonSet|Job"
              + "|CronJob)\\s*$");

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(TestFiles.manifestFixtures())) {
      return files
          .filter(file -> !file.getFileName().toString().endsWith(".md"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void attachesTheSecretExactlyOnceToEveryWorkload(Path fixture) throws IOException {
    String original = Files.readString(fixture);

    Manifests patched = Manifests.read(fixture).attachPullSecret(SECRET);

    String name = fixture.getFileName().toString();
    assertThat(WORKLOADS).as("expected workload count of %s", name).containsKey(name);
    assertThat(patched.changes())
        .filteredOn(ManifestChange::changed)
        .hasSize(WORKLOADS.get(name))
        .allSatisfy(change -> assertThat(change.outcome()).isEqualTo(Outcome.ATTACHED));
    assertThat(patched.changes())
        .extracting(ManifestChange::outcome)
        .doesNotContain(Outcome.NOT_UNDERSTOOD);
    assertUnchangedButForTheSecret(read(name, original), read(name, patched.text()));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void keepsMeaningForAYaml11Reader(Path fixture) throws IOException {
    String original = Files.readString(fixture);

    String patched = Manifests.read(fixture).attachPullSecret(SECRET).text();

    assertUnchangedButForTheSecret(yaml11(original), yaml11(patched));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void keepsEveryTopLevelCommentAndEveryUntouchedDocumentVerbatim(Path fixture) throws IOException {
    String original = Files.readString(fixture);

    String patched = Manifests.read(fixture).attachPullSecret(SECRET).text();

    List<String> comments = lines(original).stream().filter(line -> line.startsWith("#")).toList();
    if (!comments.isEmpty()) {
      assertThat(lines(patched)).containsSubsequence(comments);
    }
    for (String piece : SEPARATOR.split(original)) {
      if (!WORKLOAD_KIND.matcher(piece).find() && !fixture.toString().endsWith(".json")) {
        assertThat(patched).contains(piece);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void attachingThenDetachingGivesBackTheFileByteForByte(Path fixture) throws IOException {
    String original = Files.readString(fixture);

    Manifests restored = Manifests.read(fixture).attachPullSecret(SECRET).detachPullSecret(SECRET);

    assertThat(restored.text()).isEqualTo(original);
  }

  @Test
  void patchesExactlyTwelveDeploymentsOfMicroservicesDemo() throws IOException {
    Path fixture = TestFiles.manifestFixtures().resolve("microservices-demo-release.yaml");

    Manifests patched = Manifests.read(fixture).attachPullSecret(SECRET);

    List<JsonNode> documents = read("demo.yaml", patched.text());
    assertThat(documents).hasSize(35);
    assertThat(documents)
        .filteredOn(document -> document.path("kind").asText().equals("Deployment"))
        .hasSize(12)
        .allSatisfy(
            document ->
                assertThat(TestFiles.pullSecretNames(document, PatchCase.TEMPLATE))
                    .containsExactly(SECRET));
    assertThat(patched.changes())
        .filteredOn(ManifestChange::changed)
        .extracting(ManifestChange::kind)
        .containsOnly("Deployment")
        .hasSize(12);
    assertThat(patched.changes())
        .filteredOn(change -> change.kind().equals("Service"))
        .hasSize(12)
        .extracting(ManifestChange::outcome)
        .containsOnly(Outcome.NOT_A_WORKLOAD);
  }

  @Test
  void patchesServiceAccountsOfMicroservicesDemoWhenAsked() throws IOException {
    Path fixture = TestFiles.manifestFixtures().resolve("microservices-demo-release.yaml");

    Manifests patched =
        Manifests.read(fixture)
            .attachPullSecret(SECRET, PatchTargets.WORKLOADS_AND_SERVICE_ACCOUNTS);

    assertThat(patched.changes())
        .filteredOn(ManifestChange::changed)
        .extracting(ManifestChange::kind)
        .containsOnly("Deployment", "ServiceAccount")
        .hasSize(23);
    assertThat(read("demo.yaml", patched.text()))
        .filteredOn(document -> document.path("kind").asText().equals("ServiceAccount"))
        .hasSize(11)
        .allSatisfy(
            account ->
                assertThat(account.get("imagePullSecrets")).hasToString("[{\"name\":\"dcd\"}]"));
  }

  @Test
  void keepsAnExistingPullSecretOfThePrivateRegistryPod() throws IOException {
    Path fixture = TestFiles.manifestFixtures().resolve("website-private-reg-pod.yaml");

    Manifests patched = Manifests.read(fixture).attachPullSecret("regcred");

    assertThat(patched.text()).isEqualTo(Files.readString(fixture));
    assertThat(patched.changes())
        .extracting(ManifestChange::outcome)
        .containsExactly(Outcome.ALREADY_PRESENT);
  }

  private static void assertUnchangedButForTheSecret(
      List<JsonNode> originals, List<JsonNode> patched) {
    assertThat(patched).hasSameSizeAs(originals);
    for (int i = 0; i < originals.size(); i++) {
      assertObject(originals.get(i), patched.get(i));
    }
  }

  private static void assertObject(JsonNode original, JsonNode patched) {
    String kind = original.path("kind").asText();
    if (kind.equals("List")) {
      assertUnchangedButForTheSecret(items(original), items(patched));
      return;
    }
    String podSpec = POD_SPECS.get(kind);
    if (podSpec == null) {
      assertThat(patched).isEqualTo(original);
      return;
    }
    List<String> before = TestFiles.pullSecretNames(original, podSpec);
    List<String> after = TestFiles.pullSecretNames(patched, podSpec);
    assertThat(after).containsOnlyOnce(SECRET);
    assertThat(after.stream().filter(name -> !name.equals(SECRET)).toList()).isEqualTo(before);
    PatchCase shape = new PatchCase("", podSpec);
    assertThat(shape.withoutList(patched)).isEqualTo(shape.withoutList(original));
  }

  private static List<JsonNode> items(JsonNode list) {
    List<JsonNode> items = new ArrayList<>();
    list.get("items").forEach(items::add);
    return items;
  }

  /** Reads every non-empty document with plain Jackson, independent of the code under test. */
  private static List<JsonNode> read(String name, String text) {
    if (name.endsWith(".json")) {
      return TestFiles.jsonValues(text);
    }
    try {
      return YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll().stream()
          .filter(document -> !document.isNull() && !document.isMissingNode())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads every non-empty document with SnakeYAML's YAML 1.1 resolver (yes/on, octal, ...). */
  private static List<JsonNode> yaml11(String text) {
    List<JsonNode> documents = new ArrayList<>();
    Function<Object, JsonNode> toTree = TestFiles.JSON::valueToTree;
    for (Object document : new Yaml().loadAll(text)) {
      if (document != null) {
        documents.add(toTree.apply(document));
      }
    }
    return documents;
  }

  private static List<String> lines(String text) {
    return List.of(text.split("\n", -1));
  }
}
