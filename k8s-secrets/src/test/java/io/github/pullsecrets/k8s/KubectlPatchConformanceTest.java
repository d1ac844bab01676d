package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Runs {@code kubectl patch --local --type strategic} on every workload input and compares the
 * resulting imagePullSecrets with ours as sets of names, and everything else as trees. kubectl runs
 * once per patch body and pod-spec path, with all inputs of that path as {@code -f} files.
 */
class KubectlPatchConformanceTest {

  private static final String SECRET = "regcred";
  private static final Map<String, JsonNode> KUBECTL_ATTACHED = new HashMap<>();
  private static final Map<String, JsonNode> KUBECTL_DETACHED = new HashMap<>();
  private static final List<PatchCase> CASES = PatchCase.WORKLOADS;

  @TempDir static Path inputs;

  @BeforeAll
  static void runKubectlOncePerPath() throws IOException {
    Kubectl.assumeInstalled();
    for (PatchCase patchCase : CASES) {
      Files.writeString(inputs.resolve(patchCase.input()), patchCase.text());
    }
    Map<String, List<PatchCase>> byPath =
        CASES.stream().collect(Collectors.groupingBy(PatchCase::podSpec));
    for (List<PatchCase> group : byPath.values()) {
      record(group, "{\"name\":\"" + SECRET + "\"}", KUBECTL_ATTACHED);
      record(group, "{\"name\":\"" + SECRET + "\",\"$patch\":\"delete\"}", KUBECTL_DETACHED);
    }
  }

  @ParameterizedTest
  @FieldSource("CASES")
  void attachGivesTheSameNamesAsKubectlStrategicMergePatch(PatchCase patchCase) {
    JsonNode kubectl = KUBECTL_ATTACHED.get(patchCase.input());

    JsonNode ours =
        patched(Manifests.parse(patchCase.text(), ManifestFormat.JSON).attachPullSecret(SECRET));

    assertThat(patchCase.names(ours))
        .containsExactlyInAnyOrderElementsOf(patchCase.names(kubectl))
        .doesNotHaveDuplicates()
        .endsWith(SECRET);
    assertThat(patchCase.withoutList(ours)).isEqualTo(patchCase.withoutList(kubectl));
  }

  @ParameterizedTest
  @FieldSource("CASES")
  void detachGivesTheSameNamesAsKubectlDeleteDirective(PatchCase patchCase) {
    JsonNode kubectl = KUBECTL_DETACHED.get(patchCase.input());

    JsonNode ours =
        patched(Manifests.parse(patchCase.text(), ManifestFormat.JSON).detachPullSecret(SECRET));

    assertThat(patchCase.names(ours))
        .containsExactlyInAnyOrderElementsOf(patchCase.names(kubectl))
        .doesNotContain(SECRET);
    assertThat(patchCase.withoutList(ours)).isEqualTo(patchCase.withoutList(kubectl));
  }

  @Test
  void serviceAccountAttachMatchesKubectlJsonPatchAppend() throws IOException {
    String input = TestFiles.resource("vectors/patch/inputs/serviceaccount.json");
    Files.writeString(inputs.resolve("serviceaccount.json"), input);
    String patch =
        "[{\"op\":\"add\",\"path\":\"/imagePullSecrets/-\","
            + "\"value\":{\"name\":\""
            + SECRET
            + "\"}}]";

    JsonNode kubectl =
        TestFiles.jsonValues(
                Kubectl.succeed(
                    inputs,
                    List.of(
                        "patch",
                        "--local",
                        "-f",
                        "serviceaccount.json",
                        "--type",
                        "json",
                        "-p",
                        patch,
                        "-o",
                        "json")))
            .get(0);
    JsonNode ours =
        TestFiles.JSON.readTree(
            Manifests.parse(input, ManifestFormat.JSON)
                .attachPullSecret(SECRET, PatchTargets.WORKLOADS_AND_SERVICE_ACCOUNTS)
                .toJson());

    assertThat(ours).isEqualTo(kubectl);
    assertThat(ours.get("imagePullSecrets"))
        .hasToString("[{\"name\":\"other\"},{\"name\":\"regcred\"}]");
  }

  private static JsonNode patched(Manifests manifests) {
    assertThat(manifests.changes()).hasSize(1);
    try {
      return TestFiles.JSON.readTree(manifests.toJson());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void record(List<PatchCase> group, String entry, Map<String, JsonNode> into) {
    List<String> arguments = new ArrayList<>(List.of("patch", "--local"));
    group.forEach(patchCase -> arguments.addAll(List.of("-f", patchCase.input())));
    arguments.addAll(
        List.of("--type", "strategic", "-p", group.get(0).strategicPatch(entry), "-o", "json"));
    List<JsonNode> outputs = TestFiles.jsonValues(Kubectl.succeed(inputs, arguments));
    assertThat(outputs).hasSameSizeAs(group);
    for (int i = 0; i < group.size(); i++) {
      JsonNode input = TestFiles.jsonValues(group.get(i).text()).get(0);
      assertThat(outputs.get(i).get("kind")).isEqualTo(input.get("kind"));
      into.put(group.get(i).input(), outputs.get(i));
    }
  }
}
