package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/**
 * How a changed YAML document is written: edited line by line where its shape allows, printed again
 * by Jackson where it does not.
 */
class YamlLineEditTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void insertsTheListAfterIndentedContainersWithIndentedItems() {
    String before =
        lines(
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: web # the web tier",
            "spec:",
            "  template:",
            "    spec:",
            "      containers:",
            "        - name: web",
            "          image: nginx:1.27",
            "      # volumes come next",
            "      volumes:",
            "        - name: cache",
            "          emptyDir: {}");

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            lines(
                "apiVersion: apps/v1",
                "kind: Deployment",
                "metadata:",
                "  name: web # the web tier",
                "spec:",
                "  template:",
                "    spec:",
                "      containers:",
                "        - name: web",
                "          image: nginx:1.27",
                "      imagePullSecrets:",
                "        - name: dcd",
                "      # volumes come next",
                "      volumes:",
                "        - name: cache",
                "          emptyDir: {}"));
  }

  @Test
  void insertsTheListAfterNonIndentedContainersAndTheirDeeperComments() {
    String before =
        lines(
            "kind: Pod",
            "spec:",
            "  initContainers:",
            "  - name: init",
            "  containers:",
            "  - name: app",
            "    image: app:1",
            "    # args: [--debug]",
            "",
            "  restartPolicy: Always");

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            lines(
                "kind: Pod",
                "spec:",
                "  initContainers:",
                "  - name: init",
                "  containers:",
                "  - name: app",
                "    image: app:1",
                "    # args: [--debug]",
                "  imagePullSecrets:",
                "  - name: dcd",
                "",
                "  restartPolicy: Always"));
  }

  @Test
  void appendsToAnExistingListWithItsIndentation() {
    String before =
        lines(
            "kind: Pod",
            "spec:",
            "  imagePullSecrets:",
            "    -   name: a",
            "    # b is the mirror",
            "    -   name: b # second",
            "  containers: []");

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            lines(
                "kind: Pod",
                "spec:",
                "  imagePullSecrets:",
                "    -   name: a",
                "    # b is the mirror",
                "    -   name: b # second",
                "    -   name: dcd",
                "  containers: []"));
  }

  @Test
  void insertsAfterABlockScalarEndingThePodSpecAndBeforeItsBlankLines() {
    String before =
        lines(
            "kind: Job",
            "spec:",
            "  template:",
            "    spec:",
            "      containers:",
            "      - name: migrate",
            "        args:",
            "        - |",
            "          ./migrate up",
            "",
            "          echo done",
            "",
            "---",
            "kind: Service");

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            lines(
                "kind: Job",
                "spec:",
                "  template:",
                "    spec:",
                "      containers:",
                "      - name: migrate",
                "        args:",
                "        - |",
                "          ./migrate up",
                "",
                "          echo done",
                "      imagePullSecrets:",
                "      - name: dcd",
                "",
                "---",
                "kind: Service"));
  }

  @Test
  void insertsAtTheEndOfAServiceAccountWhoseLastValueIsABlockScalar() {
    String before =
        lines(
            "apiVersion: v1",
            "kind: ServiceAccount",
            "metadata:",
            "  name: builder",
            "  annotations:",
            "    note: |",
            "      Used by CI.",
            "# end of builder");

    String after =
        Manifests.parse(before, ManifestFormat.YAML)
            .attachPullSecret("dcd", PatchTargets.WORKLOADS_AND_SERVICE_ACCOUNTS)
            .text();

    assertThat(after)
        .isEqualTo(
            lines(
                "apiVersion: v1",
                "kind: ServiceAccount",
                "metadata:",
                "  name: builder",
                "  annotations:",
                "    note: |",
                "      Used by CI.",
                "imagePullSecrets:",
                "- name: dcd",
                "# end of builder"));
  }

  @Test
  void patchesTheItemsOfAYamlListDocument() {
    String before =
        lines("kind: List", "items:", "- kind: Pod", "  spec:", "    containers:", "    - name: c");

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            lines(
                "kind: List",
                "items:",
                "- kind: Pod",
                "  spec:",
                "    containers:",
                "    - name: c",
                "    imagePullSecrets:",
                "    - name: dcd"));
  }

  @Test
  void keepsADocumentWithoutAFinalNewlineWithoutOne() {
    String before = "kind: Pod\nspec:\n  containers:\n  - name: c\n    image: i";

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            "kind: Pod\nspec:\n  containers:\n  - name: c\n    image: i\n  imagePullSecrets:\n"
                + "  - name: dcd");
    assertThat(detach(after)).isEqualTo(before);
  }

  @Test
  void keepsWindowsLineEndsOnTheNewLines() {
    String before = "kind: Pod\r\nspec:\r\n  containers:\r\n  - name: c # main\r\n";

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            "kind: Pod\r\nspec:\r\n  containers:\r\n  - name: c # main\r\n"
                + "  imagePullSecrets:\r\n  - name: dcd\r\n");
    assertThat(detach(after)).isEqualTo(before);
  }

  @Test
  void printsADocumentWithMixedLineEndsAgain() {
    String before = "kind: Pod # a pod\r\nspec:\n  containers: []\n";

    String after = attach(before);

    assertThat(after)
        .isEqualTo("kind: Pod\nspec:\n  containers: []\n  imagePullSecrets:\n" + "  - name: dcd\n");
  }

  @Test
  void quotesANameThatWouldNotBeReadAsAString() {
    String before = lines("kind: Pod", "spec:", "  containers: []");

    String after = Manifests.parse(before, ManifestFormat.YAML).attachPullSecret("1234").text();

    assertThat(after)
        .isEqualTo(
            lines(
                "kind: Pod",
                "spec:",
                "  containers: []",
                "  imagePullSecrets:",
                "  - name: \"1234\""));
  }

  @Test
  void printsAFlowStylePodSpecAgain() {
    String before = lines("kind: Pod # a pod", "spec: {containers: [{name: c, image: i}]}");

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            lines(
                "kind: Pod",
                "spec:",
                "  containers:",
                "  - name: c",
                "    image: i",
                "  imagePullSecrets:",
                "  - name: dcd"));
  }

  @Test
  void printsAFlowStyleListAgain() {
    String before = lines("kind: Pod # a pod", "spec:", "  imagePullSecrets: [{name: a}]");

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            lines("kind: Pod", "spec:", "  imagePullSecrets:", "  - name: a", "  - name: dcd"));
  }

  @Test
  void printsADocumentWithAnAnchorOnThePathAgain() {
    String before =
        lines(
            "kind: Deployment # web",
            "spec:",
            "  template:",
            "    spec: &pod",
            "      containers:",
            "      - name: c");

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            lines(
                "kind: Deployment",
                "spec:",
                "  template:",
                "    spec:",
                "      containers:",
                "      - name: c",
                "      imagePullSecrets:",
                "      - name: dcd"));
  }

  @Test
  void keepsAnchorsAndAliasesAwayFromThePath() {
    String before =
        lines(
            "kind: Deployment",
            "metadata:",
            "  labels: &labels {app: web}",
            "spec:",
            "  selector:",
            "    matchLabels: *labels",
            "  template:",
            "    spec:",
            "      containers: []");

    String after = attach(before);

    assertThat(after)
        .isEqualTo(
            before.replace(
                "      containers: []\n",
                "      containers: []\n      imagePullSecrets:\n      - name: dcd\n"));
  }

  @Test
  void printsAgainWhenTheLineEditWouldChangeAKeptBlockScalar() throws Exception {
    String before =
        lines(
            "kind: Pod # a pod",
            "spec:",
            "  containers:",
            "  - name: c",
            "    args:",
            "    - |+",
            "      keep",
            "",
            "# end");

    String after = attach(before);

    JsonNode document = YAML.readTree(after);
    assertThat(document.at("/spec/containers/0/args/0").asText()).isEqualTo("keep\n\n");
    assertThat(document.at("/spec/imagePullSecrets")).hasToString("[{\"name\":\"dcd\"}]");
    assertThat(after).startsWith("kind: Pod\n").endsWith("# end\n");
  }

  @Test
  void detachesTheMiddleItemOnly() {
    String before =
        lines(
            "kind: Pod",
            "spec:",
            "  imagePullSecrets:",
            "  - name: a",
            "  # the private registry",
            "  - name: dcd # added by CI",
            "  - name: b",
            "  containers: []");

    String after = detach(before);

    assertThat(after)
        .isEqualTo(
            lines(
                "kind: Pod",
                "spec:",
                "  imagePullSecrets:",
                "  - name: a",
                "  # the private registry",
                "  - name: b",
                "  containers: []"));
  }

  @Test
  void detachingTheLastItemRemovesTheKeyLine() {
    String before =
        lines(
            "kind: Pod",
            "spec:",
            "  # pulls from the mirror",
            "  imagePullSecrets:",
            "    - name: dcd",
            "  containers:",
            "    - name: c");

    String after = detach(before);

    assertThat(after)
        .isEqualTo(
            lines(
                "kind: Pod",
                "spec:",
                "  # pulls from the mirror",
                "  containers:",
                "    - name: c"));
  }

  @Test
  void editsOnlyTheChangedDocumentsOfAStream() {
    String service = lines("kind: Service # keep", "spec: {ports: [{port: 80}]}");
    String pod = lines("---", "kind: Pod # keep", "spec:", "  containers:", "  - name: c");

    String after = attach(service + pod);

    assertThat(after).isEqualTo(service + pod + lines("  imagePullSecrets:", "  - name: dcd"));
  }

  private static String attach(String text) {
    return Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd").text();
  }

  private static String detach(String text) {
    return Manifests.parse(text, ManifestFormat.YAML).detachPullSecret("dcd").text();
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}
