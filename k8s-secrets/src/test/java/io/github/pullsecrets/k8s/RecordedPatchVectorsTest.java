package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Compares our patching with kubectl 1.32 outputs recorded in {@code vectors/patch/out}: the same
 * imagePullSecrets names (as a set) and everything else equal.
 */
class RecordedPatchVectorsTest {

  private static final BiFunction<Manifests, String, Manifests> ATTACH =
      (manifests, name) -> manifests.attachPullSecret(name);
  private static final BiFunction<Manifests, String, Manifests> DETACH =
      (manifests, name) -> manifests.detachPullSecret(name);

  /** A recorded case: its name, its input, and whether it adds or deletes "regcred". */
  record Vector(String name, PatchCase input, boolean attach) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Vector> VECTORS =
      List.of(
          vector("deploy-smp-add-to-none", "deployment-none.json", PatchCase.TEMPLATE, true),
          vector(
              "deploy-smp-add-to-emptylist", "deployment-emptylist.json", PatchCase.TEMPLATE, true),
          vector("deploy-smp-add-to-other", "deployment-other.json", PatchCase.TEMPLATE, true),
          vector("deploy-smp-add-same", "deployment-regcred.json", PatchCase.TEMPLATE, true),
          vector("deploy-smp-add-existing-2nd", "deployment-two.json", PatchCase.TEMPLATE, true),
          vector("deploy-smp-delete", "deployment-two.json", PatchCase.TEMPLATE, false),
          vector("deploy-smp-delete-missing", "deployment-other.json", PatchCase.TEMPLATE, false),
          vector("deploy-smp-delete-last", "deployment-regcred.json", PatchCase.TEMPLATE, false),
          vector("statefulset-smp-add", "statefulset.json", PatchCase.TEMPLATE, true),
          vector("daemonset-smp-add", "daemonset.json", PatchCase.TEMPLATE, true),
          vector("replicaset-smp-add", "replicaset.json", PatchCase.TEMPLATE, true),
          vector("job-smp-add", "job.json", PatchCase.TEMPLATE, true),
          vector("cronjob-smp-add", "cronjob.json", PatchCase.CRON, true),
          vector("pod-smp-add", "pod.json", PatchCase.POD, true));

  private static final List<Arguments> SERVICE_ACCOUNT_VECTORS =
      List.of(
          Arguments.of("sa-json-append", "serviceaccount.json"),
          Arguments.of("sa-smp-add-to-none", "serviceaccount-none.json"));

  @ParameterizedTest
  @FieldSource("VECTORS")
  void givesTheSameListMembersAsTheRecordedKubectlOutput(Vector vector) throws Exception {
    JsonNode recorded =
        TestFiles.JSON.readTree(
            TestFiles.resource("vectors/patch/out/" + vector.name() + ".v1.32.json"));
    Manifests input = Manifests.parse(vector.input().text(), ManifestFormat.JSON);

    Manifests patched = (vector.attach() ? ATTACH : DETACH).apply(input, "regcred");

    JsonNode ours = TestFiles.JSON.readTree(patched.toJson());
    assertThat(vector.input().names(ours))
        .containsExactlyInAnyOrderElementsOf(vector.input().names(recorded))
        .doesNotHaveDuplicates();
    assertThat(vector.input().withoutList(ours)).isEqualTo(vector.input().withoutList(recorded));
  }

  @ParameterizedTest
  @FieldSource("VECTORS")
  void appendsWhereKubectlWouldPutTheNewNameFirst(Vector vector) throws Exception {
    Manifests input = Manifests.parse(vector.input().text(), ManifestFormat.JSON);
    List<String> before = vector.input().names(TestFiles.JSON.readTree(input.toJson()));

    Manifests patched = (vector.attach() ? ATTACH : DETACH).apply(input, "regcred");

    List<String> after = vector.input().names(TestFiles.JSON.readTree(patched.toJson()));
    List<String> kept = before.stream().filter(name -> !name.equals("regcred")).toList();
    assertThat(after.stream().filter(name -> !name.equals("regcred")).toList()).isEqualTo(kept);
    if (vector.attach() && !before.contains("regcred")) {
      assertThat(after).endsWith("regcred");
    }
  }

  @ParameterizedTest
  @FieldSource("SERVICE_ACCOUNT_VECTORS")
  void serviceAccountMatchesTheRecordedAppend(String name, String input) throws Exception {
    JsonNode recorded =
        TestFiles.JSON.readTree(TestFiles.resource("vectors/patch/out/" + name + ".v1.32.json"));

    Manifests patched =
        Manifests.parse(TestFiles.resource("vectors/patch/inputs/" + input), ManifestFormat.JSON)
            .attachPullSecret("regcred", PatchTargets.WORKLOADS_AND_SERVICE_ACCOUNTS);

    assertThat(TestFiles.JSON.readTree(patched.toJson())).isEqualTo(recorded);
  }

  private static Vector vector(String name, String input, String podSpec, boolean attach) {
    return new Vector(name, new PatchCase(input, podSpec), attach);
  }
}
