package io.github.pullsecrets.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.pullsecrets.k8s.ManifestChange;
import io.github.pullsecrets.k8s.ManifestFormat;
import io.github.pullsecrets.k8s.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRotationCronJobManifestTest {

  private static final String MANIFEST = "token-rotation-cronjob.yaml";

  @Test
  void grantsOnlyWhatInPlaceRotationUses() throws IOException {
    List<JsonNode> documents = documents();

    JsonNode role = kind(documents, "ClusterRole");

    assertThat(role.get("rules")).hasSize(2);
    assertThat(rule(role, "namespaces")).containsExactly("list");
    assertThat(rule(role, "secrets")).containsExactly("get", "list", "create", "update");
  }

  @Test
  void runsOneRotationAtATimeUnderItsServiceAccount() throws IOException {
    List<JsonNode> documents = documents();

    JsonNode cronJob = kind(documents, "CronJob");

    assertThat(cronJob.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
    assertThat(cronJob.at("/spec/jobTemplate/spec/template/spec/serviceAccountName").asText())
        .isEqualTo(kind(documents, "ServiceAccount").at("/metadata/name").asText());
    assertThat(kind(documents, "ClusterRoleBinding").at("/subjects/0/name").asText())
        .isEqualTo("pullsecrets-rotation");
  }

  @Test
  void isReadByTheManifestPatcherAsOneCronJob() throws IOException {
    Manifests manifests = Manifests.parse(text(), ManifestFormat.YAML).attachPullSecret("dcd");

    assertThat(manifests.changes())
        .filteredOn(c -> c.outcome() == ManifestChange.Outcome.ATTACHED)
        .extracting(ManifestChange::kind)
        .containsExactly("CronJob");
  }

  private static List<String> rule(JsonNode role, String resource) {
    List<String> verbs = new ArrayList<>();
    for (JsonNode rule : role.get("rules")) {
      if (rule.get("resources").toString().contains("\"" + resource + "\"")) {
        rule.get("verbs").forEach(verb -> verbs.add(verb.asText()));
      }
    }
    return verbs;
  }

  private static JsonNode kind(List<JsonNode> documents, String kind) {
    return documents.stream()
        .filter(d -> kind.equals(d.path("kind").asText()))
        .findFirst()
        .orElseThrow();
  }

  private static List<JsonNode> documents() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (MappingIterator<JsonNode> values = yaml.readerFor(JsonNode.class).readValues(text())) {
      return values.readAll();
    }
  }

  private static String text() throws IOException {
    try (InputStream in = Quickstart.class.getResourceAsStream(MANIFEST)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
