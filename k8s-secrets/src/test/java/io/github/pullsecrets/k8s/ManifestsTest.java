package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.pullsecrets.k8s.ManifestChange.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  private static final String ALL_KINDS =
      String.join(
          "\n",
          "apiVersion: v1",
          "kind: Pod",
          "metadata: {name: p}",
          "spec: {containers: []}",
          "---",
          "apiVersion: v1",
          "kind: ReplicationController",
          "metadata: {name: rc}",
          "spec: {template: {spec: {containers: []}}}",
          "---",
          "apiVersion: apps/v1",
          "kind: Deployment",
          "metadata: {name: d}",
          "spec: {template: {spec: {containers: []}}}",
          "---",
          "apiVersion: apps/v1",
          "kind: ReplicaSet",
          "metadata: {name: rs}",
          "spec: {template: {spec: {containers: []}}}",
          "---",
          "apiVersion: apps/v1",
          "kind: StatefulSet",
          "metadata: {name: ss}",
          "spec: {template: {spec: {containers: []}}}",
          "---",
          "apiVersion: apps/v1",
          "kind: DaemonSet",
          "metadata: {name: ds}",
          "spec: {template: {spec: {containers: []}}}",
          "---",
          "apiVersion: batch/v1",
          "kind: Job",
          "metadata: {name: j}",
          "spec: {template: {spec: {containers: []}}}",
          "---",
          "apiVersion: batch/v1",
          "kind: CronJob",
          "metadata: {name: cj}",
          "spec: {jobTemplate: {spec: {template: {spec: {containers: []}}}}}",
          "---",
          "apiVersion: v1",
          "kind: ServiceAccount",
          "metadata: {name: sa}",
          "---",
          "apiVersion: v1",
          "kind: Service",
          "metadata: {name: svc}",
          "");

  @Test
  void attachesSecretToEveryWorkloadKind() throws Exception {
    Manifests manifests = Manifests.parse(ALL_KINDS, ManifestFormat.YAML);

    Manifests patched = manifests.attachPullSecret("dcd");

    List<JsonNode> documents = yamlDocuments(patched.toYaml());
    assertThat(documents).hasSize(10);
    assertThat(documents.get(0).at("/spec/imagePullSecrets")).hasToString("[{\"name\":\"dcd\"}]");
    for (int i = 1; i < 7; i++) {
      assertThat(documents.get(i).at("/spec/template/spec/imagePullSecrets"))
          .hasToString("[{\"name\":\"dcd\"}]");
    }
    assertThat(documents.get(7).at("/spec/jobTemplate/spec/template/spec/imagePullSecrets"))
        .hasToString("[{\"name\":\"dcd\"}]");
    assertThat(documents.get(8).has("imagePullSecrets")).isFalse();
    assertThat(patched.changes())
        .extracting(ManifestChange::outcome)
        .containsExactly(
            Outcome.ATTACHED,
            Outcome.ATTACHED,
            Outcome.ATTACHED,
            Outcome.ATTACHED,
            Outcome.ATTACHED,
            Outcome.ATTACHED,
            Outcome.ATTACHED,
            Outcome.ATTACHED,
            Outcome.NOT_A_WORKLOAD,
            Outcome.NOT_A_WORKLOAD);
  }

  @Test
  void reportsDocumentIndexLineKindAndName() {
    Manifests manifests = Manifests.parse(ALL_KINDS, ManifestFormat.YAML);

    List<ManifestChange> changes = manifests.attachPullSecret("dcd").changes();

    assertThat(changes.get(2)).hasToString("document 2 (line 10) Deployment d: ATTACHED");
    assertThat(changes.get(2).itemIndex()).isEmpty();
    assertThat(changes.get(8).reason()).contains("ServiceAccounts are patched only when asked");
    assertThat(changes.get(9).reason()).contains("Service has no pod template");
  }

  @Test
  void patchesServiceAccountsWhenAsked() throws Exception {
    Manifests manifests = Manifests.parse(ALL_KINDS, ManifestFormat.YAML);

    Manifests patched =
        manifests.attachPullSecret("dcd", PatchTargets.WORKLOADS_AND_SERVICE_ACCOUNTS);

    assertThat(yamlDocuments(patched.toYaml()).get(8).get("imagePullSecrets"))
        .hasToString("[{\"name\":\"dcd\"}]");
    assertThat(patched.changes().get(8).outcome()).isEqualTo(Outcome.ATTACHED);
  }

  @Test
  void appendsAfterExistingEntriesAndNeverDuplicates() throws Exception {
    String text =
        "kind: Pod\nmetadata:\n  name: p\nspec:\n  imagePullSecrets:\n"
            + "  - name: other\n  - name: more\n";
    Manifests manifests = Manifests.parse(text, ManifestFormat.YAML);

    Manifests once = manifests.attachPullSecret("dcd");
    Manifests twice = once.attachPullSecret("dcd");

    assertThat(names(yamlDocuments(twice.toYaml()).get(0), "/spec"))
        .containsExactly("other", "more", "dcd");
    assertThat(twice.changes())
        .extracting(ManifestChange::outcome)
        .containsExactly(Outcome.ALREADY_PRESENT);
    assertThat(twice.toYaml()).isEqualTo(once.toYaml());
  }

  @Test
  void leavesAnExistingReferenceAndTheTextAlone() {
    String text = "kind: Pod # a pod\nspec:\n  imagePullSecrets: [{name: dcd}]\n";

    Manifests patched = Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd");

    assertThat(patched.toYaml()).isEqualTo(text);
    assertThat(patched.changes().get(0).outcome()).isEqualTo(Outcome.ALREADY_PRESENT);
  }

  @Test
  void detachesEveryEntryWithTheNameAndDropsAnEmptyList() throws Exception {
    String text =
        "kind: Pod\nspec:\n  imagePullSecrets: [{name: dcd}, {name: o}, {name: dcd}]\n"
            + "---\nkind: Pod\nspec:\n  containers: []\n  imagePullSecrets: [{name: dcd}]\n";

    Manifests detached = Manifests.parse(text, ManifestFormat.YAML).detachPullSecret("dcd");

    List<JsonNode> documents = yamlDocuments(detached.toYaml());
    assertThat(names(documents.get(0), "/spec")).containsExactly("o");
    assertThat(documents.get(1).get("spec")).hasToString("{\"containers\":[]}");
    assertThat(detached.changes())
        .extracting(ManifestChange::outcome)
        .containsExactly(Outcome.DETACHED, Outcome.DETACHED);
  }

  @Test
  void detachingAnAbsentReferenceChangesNothing() {
    String text = "kind: Pod\nspec:\n  imagePullSecrets: [{name: o}]\n";

    Manifests detached = Manifests.parse(text, ManifestFormat.YAML).detachPullSecret("dcd");

    assertThat(detached.toYaml()).isEqualTo(text);
    assertThat(detached.changes().get(0).outcome()).isEqualTo(Outcome.NOT_PRESENT);
  }

  @Test
  void attachingThenDetachingRestoresTheOriginalText() {
    String text =
        "# head\n---\nkind: Deployment # inline\nspec:\n  template:\n    spec:\n"
            + "      containers: []   # none\n";

    Manifests restored =
        Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd").detachPullSecret("dcd");

    assertThat(restored.toYaml()).isEqualTo(text);
  }

  @Test
  void writesUnchangedDocumentsAsTheirOriginalText() {
    String service =
        "---\n# Source: chart/svc.yaml\napiVersion: v1\nkind: Service\n"
            + "metadata:\n  name: svc   # keep me\nspec:\n  ports: [ {port: 80} ]\n\n";
    String deployment =
        "---\n# Source: chart/deploy.yaml\napiVersion: apps/v1\n"
            + "kind: Deployment\nmetadata:\n  name: d # gone when printed again\nspec:\n"
            + "  template:\n    spec:\n      containers: []\n# trailing comment\n";
    String text = "# header\n" + service + deployment;

    String written = Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd").toYaml();

    assertThat(written)
        .startsWith(
            "# header\n" + service + "---\n# Source: chart/deploy.yaml\napiVersion: apps/v1\n");
    assertThat(written).endsWith("  - name: dcd\n# trailing comment\n");
  }

  @Test
  void keepsYamlTypesWhenPrintingAChangedDocument() throws Exception {
    String text =
        String.join(
            "\n",
            "kind: Deployment",
            "metadata:",
            "  annotations:",
            "    port: \"8080\"",
            "    on-flag: \"on\"",
            "    yes-flag: \"yes\"",
            "    no-flag: 'no'",
            "    hex: \"0x1F\"",
            "    exp: \"1e3\"",
            "    under: \"1_000\"",
            "    octal: \"0755\"",
            "    time: \"1:20\"",
            "    date: \"2001-12-14\"",
            "    inf: \".inf\"",
            "    eq: \"=\"",
            "    color: \"#34577c\"",
            "    empty: \"\"",
            "    tilde: \"~\"",
            "spec:",
            "  template:",
            "    spec:",
            "      volumes:",
            "      - configMap: {defaultMode: 0755}",
            "      containers:",
            "      - name: c",
            "        args:",
            "        - |",
            "          echo one",
            "          echo two",
            "        - |-",
            "          no newline",
            "        - \"  leading spaces\"",
            "      imagePullSecrets: []",
            "");

    String written = Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd").toYaml();

    JsonNode expected = YAML.readTree(text);
    ((ObjectNode) expected.at("/spec/template/spec"))
        .putArray("imagePullSecrets")
        .addObject()
        .put("name", "dcd");
    assertThat(YAML.readTree(written)).isEqualTo(expected);
    assertThat(written)
        .contains(
            "port: \"8080\"",
            "on-flag: \"on\"",
            "yes-flag: \"yes\"",
            "hex: \"0x1F\"",
            "exp: \"1e3\"",
            "under: \"1_000\"",
            "octal: \"0755\"",
            "time: \"1:20\"",
            "inf: \".inf\"",
            "eq: \"=\"",
            "defaultMode: 493",
            "- |\n");
  }

  @Test
  void expandsAliasesAndMergeKeysOfAPrintedDocument() throws Exception {
    String text =
        String.join(
            "\n",
            "kind: Deployment",
            "metadata:",
            "  labels: &labels {app: web}",
            "spec:",
            "  selector:",
            "    matchLabels: *labels",
            "  template:",
            "    metadata:",
            "      labels:",
            "        <<: *labels",
            "        tier: front",
            "    spec:",
            "      <<: {restartPolicy: Always}",
            "      containers: []",
            "");

    String written = Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd").toYaml();

    JsonNode document = YAML.readTree(written);
    assertThat(document.at("/spec/selector/matchLabels")).hasToString("{\"app\":\"web\"}");
    assertThat(document.at("/spec/template/metadata/labels"))
        .isEqualTo(YAML.readTree("{tier: front, app: web}"));
    assertThat(document.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
    assertThat(names(document, "/spec/template/spec")).containsExactly("dcd");
  }

  @Test
  void keepsEmptyDocumentsAndReportsThem() {
    String text = "---\n---\n# only a comment\n---\nkind: Pod\nspec: {}\n---\n";

    Manifests patched = Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd");

    assertThat(patched.documentCount()).isEqualTo(4);
    assertThat(patched.changes())
        .extracting(ManifestChange::outcome)
        .containsExactly(
            Outcome.NOT_A_WORKLOAD,
            Outcome.NOT_A_WORKLOAD,
            Outcome.ATTACHED,
            Outcome.NOT_A_WORKLOAD);
    assertThat(patched.changes().get(0).reason()).contains("empty document");
    assertThat(patched.toYaml())
        .isEqualTo(
            "---\n---\n# only a comment\n---\nkind: Pod\n"
                + "spec:\n  imagePullSecrets:\n  - name: dcd\n---\n");
  }

  @Test
  void keepsTheMarkerOfADocumentThatStartsOnTheMarkerLine() {
    String text = "kind: Service\n--- {kind: Pod, spec: {}}\n";

    String written = Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd").toYaml();

    assertThat(written)
        .isEqualTo(
            "kind: Service\n---\nkind: Pod\nspec:\n" + "  imagePullSecrets:\n  - name: dcd\n");
  }

  @Test
  void readsWindowsLineEndings() throws Exception {
    String service = "# svc\r\nkind: Service\r\nmetadata: {name: s}\r\n";
    String text = service + "---\r\nkind: Pod\r\nspec:\r\n  imagePullSecrets:\r\n";

    String written = Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd").toYaml();

    assertThat(written).startsWith(service + "---\r\n");
    assertThat(names(yamlDocuments(written).get(1), "/spec")).containsExactly("dcd");
  }

  @Test
  void reportsButKeepsAWorkloadWhoseTemplateIsAString() {
    String text = "kind: Deployment\nmetadata: {name: odd}\nspec:\n  template: \"nope\"\n";

    Manifests patched = Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd");

    assertThat(patched.toYaml()).isEqualTo(text);
    assertThat(patched.changes().get(0))
        .hasToString(
            "document 0 (line 1) Deployment odd:"
                + " NOT_UNDERSTOOD (spec.template is a string, expected a mapping)");
  }

  @Test
  void reportsButKeepsASequenceWhereAMappingBelongs() {
    String text =
        "kind: Pod\nspec:\n- containers\n---\n[1, 2]\n---\nkind: Job\nspec:\n"
            + "  template:\n    spec:\n      imagePullSecrets: [other]\n---\nkind: Job\n";

    Manifests patched = Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd");

    assertThat(patched.toYaml()).isEqualTo(text);
    assertThat(patched.changes())
        .extracting(c -> c.reason().orElse(""))
        .containsExactly(
            "spec is a sequence, expected a mapping",
            "the document is a sequence, expected a mapping",
            "spec.template.spec.imagePullSecrets[0] is a string, expected a mapping",
            "has no spec");
    assertThat(patched.changes())
        .extracting(ManifestChange::outcome)
        .containsOnly(Outcome.NOT_UNDERSTOOD);
  }

  @Test
  void treatsAWorkloadKindFromAnotherApiGroupAsNotAWorkload() {
    String text =
        "apiVersion: example.com/v1\nkind: Deployment\nspec:\n  template:\n" + "    spec: {}\n";

    Manifests patched = Manifests.parse(text, ManifestFormat.YAML).attachPullSecret("dcd");

    assertThat(patched.toYaml()).isEqualTo(text);
    assertThat(patched.changes().get(0).outcome()).isEqualTo(Outcome.NOT_A_WORKLOAD);
    assertThat(patched.changes().get(0).reason())
        .contains("Deployment of API group 'example.com' is not a Kubernetes workload");
  }

  @Test
  void patchesTheItemsOfAJsonList() throws Exception {
    String text =
        "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n"
            + "  {\"kind\": \"Service\", \"metadata\": {\"name\": \"s\"}},\n"
            + "  {\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {}}]}\n";

    Manifests patched = Manifests.parse(text, ManifestFormat.JSON).attachPullSecret("dcd");

    JsonNode list = TestFiles.JSON.readTree(patched.toJson());
    assertThat(list.at("/items/1/spec/imagePullSecrets")).hasToString("[{\"name\":\"dcd\"}]");
    assertThat(list.at("/items/0")).isEqualTo(TestFiles.JSON.readTree(text).at("/items/0"));
    assertThat(patched.changes())
        .extracting(ManifestChange::toString)
        .containsExactly(
            "document 0 item 0 (line 1) Service s: NOT_A_WORKLOAD (Service has no pod template)",
            "document 0 item 1 (line 1) Pod p: ATTACHED");
    assertThat(patched.toJson()).endsWith("}\n");
  }

  @Test
  void reportsAnEmptyListDocument() {
    String text = "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}";

    Manifests patched = Manifests.parse(text, ManifestFormat.JSON).attachPullSecret("dcd");

    assertThat(patched.changes())
        .extracting(ManifestChange::toString)
        .containsExactly("document 0 (line 1) List: NOT_A_WORKLOAD (the list has no items)");
    assertThat(patched.toJson()).isEqualTo(text);
  }

  @Test
  void keepsUnchangedJsonDocumentsOfAStreamAsWritten() {
    String service = "{\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"}}";
    String text = service + "\n{\"kind\":\"Pod\",\"spec\":{}}\n";

    String written = Manifests.parse(text, ManifestFormat.JSON).attachPullSecret("dcd").toJson();

    assertThat(written)
        .isEqualTo(
            service
                + "\n"
                + "{\n"
                + "    \"kind\": \"Pod\",\n"
                + "    \"spec\": {\n"
                + "        \"imagePullSecrets\": [\n"
                + "            {\n"
                + "                \"name\": \"dcd\"\n"
                + "            }\n"
                + "        ]\n"
                + "    }\n"
                + "}\n");
  }

  @Test
  void printsSeveralYamlDocumentsAsAJsonList() throws Exception {
    String text = "kind: Pod\nspec: {}\n---\n---\nkind: Service\n";

    String json = Manifests.parse(text, ManifestFormat.YAML).toJson();

    assertThat(TestFiles.JSON.readTree(json))
        .isEqualTo(
            TestFiles.JSON.readTree(
                "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"kind\":\"Pod\",\"spec\":{}},"
                    + "{\"kind\":\"Service\"}]}"));
  }

  @Test
  void printsJsonManifestsAsYaml() throws Exception {
    String text =
        "{\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"a\":\"on\"}}}\n"
            + "{\"kind\":\"Service\"}";

    String yaml = Manifests.parse(text, ManifestFormat.JSON).toYaml();

    assertThat(yaml)
        .isEqualTo("kind: Pod\nmetadata:\n  annotations:\n    a: \"on\"\n---\nkind: Service\n");
  }

  @Test
  void rejectsMalformedYamlNamingTheDocumentAndLine() {
    String text = "kind: Pod\n---\nkind: Service\n---\nkind: Job\nspec: [1, 2\n";

    assertThatThrownBy(() -> Manifests.parse(text, ManifestFormat.YAML))
        .isInstanceOfSatisfying(
            ManifestException.class,
            e -> {
              assertThat(e.documentIndex()).isEqualTo(2);
              assertThat(e.line()).isEqualTo(7);
            })
        .hasMessageStartingWith(
            "document 2 (line 7): while parsing a flow sequence: expected"
                + " ',' or ']', but got <stream end>");
  }

  @Test
  void rejectsDuplicateKeys() {
    String text = "kind: Pod\n---\nkind: Pod\nspec: {}\nspec: {}\n";

    assertThatThrownBy(() -> Manifests.parse(text, ManifestFormat.YAML))
        .isInstanceOf(ManifestException.class)
        .hasMessage("document 1 (line 5): duplicate key 'spec'");
  }

  @Test
  void rejectsAnUnknownAlias() {
    String text = "kind: Pod\nspec: *missing\n";

    assertThatThrownBy(() -> Manifests.parse(text, ManifestFormat.YAML))
        .isInstanceOf(ManifestException.class)
        .hasMessage(
            "document 0 (line 2): alias to an unknown anchor (a plain value starting"
                + " with '*' is an alias; quote it if it is text)");
  }

  @Test
  void refusesADocumentOverTheReadersLimitBeforeReadingIt() {
    String small = "kind: Pod\nmetadata:\n  name: a\n";
    String big = "kind: ConfigMap\ndata:\n  blob: \"" + "a".repeat(3_200_000) + "\"\n";

    assertThatThrownBy(() -> Manifests.parse(small + "---\n" + big, ManifestFormat.YAML))
        .isInstanceOf(ManifestException.class)
        .hasMessage(
            "document 1 (line 4): the document is larger than the YAML reader's limit of"
                + " 3145728 code points");
  }

  @Test
  void refusesAliasesThatExpandBeyondAMillionNodes() {
    StringBuilder bomb =
        new StringBuilder("kind: ConfigMap\ndata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int level = 1; level <= 10; level++) {
      String previous = "*a" + (level - 1);
      bomb.append("  a").append(level).append(": &a").append(level).append(" [");
      bomb.append(String.join(", ", java.util.Collections.nCopies(10, previous))).append("]\n");
    }

    assertThatThrownBy(() -> Manifests.parse(bomb.toString(), ManifestFormat.YAML))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("expands to more than 1000000 nodes");
  }

  @Test
  void expandsModerateAliasNesting() {
    String text = "kind: ConfigMap\ndata:\n  a: &a [x, y]\n  b: &b [*a, *a]\n  c: [*b, *b]\n";

    Manifests manifests = Manifests.parse(text, ManifestFormat.YAML);

    assertThat(manifests.documentCount()).isEqualTo(1);
  }

  @Test
  void rejectsMalformedJsonWithoutQuotingTheInput() {
    String text = "{\"kind\": \"Secret\", \"stringData\": {\"password\": hunter22}}";

    assertThatThrownBy(() -> Manifests.parse(text, ManifestFormat.JSON))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("document 0 (line 1): ")
        .hasMessageNotContaining("hunter22");
  }

  @Test
  void rejectsASecretNameTheApiServerWouldReject() {
    Manifests manifests = Manifests.parse("kind: Pod\n", ManifestFormat.YAML);

    assertThatThrownBy(() -> manifests.attachPullSecret("Reg_Cred"))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageStartingWith(
            "Secret \"Reg_Cred\" is invalid: metadata.name: Invalid value:"
                + " \"Reg_Cred\": a lowercase RFC 1123 subdomain");
  }

  @Test
  void readsAndWritesFiles(@TempDir Path directory) throws Exception {
    Path yaml = directory.resolve("app.yaml");
    Files.writeString(yaml, "kind: Pod\nspec: {}\n");
    Path json = directory.resolve("app.json");
    Files.writeString(json, "{\"kind\": \"Pod\", \"spec\": {}}\n");

    Manifests fromYaml = Manifests.read(yaml).attachPullSecret("dcd");
    fromYaml.write(yaml);
    Manifests fromJson = Manifests.read(json).attachPullSecret("dcd");
    fromJson.write(json);

    assertThat(fromJson.format()).isEqualTo(ManifestFormat.JSON);
    assertThat(Files.readString(yaml))
        .isEqualTo("kind: Pod\nspec:\n  imagePullSecrets:\n  - name: dcd\n");
    assertThat(
            TestFiles.JSON
                .readTree(Files.readString(json))
                .at("/spec/imagePullSecrets/0/name")
                .asText())
        .isEqualTo("dcd");
  }

  private static List<JsonNode> yamlDocuments(String text) throws Exception {
    return YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
  }

  private static List<String> names(JsonNode object, String podSpec) {
    return TestFiles.pullSecretNames(object, podSpec);
  }
}
