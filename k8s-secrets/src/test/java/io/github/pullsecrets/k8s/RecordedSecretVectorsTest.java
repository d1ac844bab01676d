package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Compares pull Secrets with kubectl 1.32 outputs recorded in {@code vectors/kubectl-secret}. */
class RecordedSecretVectorsTest {

  private static final String PREFIX = "vectors/kubectl-secret/kubectl-secret-";
  private static final String SERVER_ERROR = "error: failed to create secret ";
  private static final List<SecretCase> CASES = SecretCase.VALID;

  @ParameterizedTest
  @FieldSource("CASES")
  void jsonIsByteForByteTheRecordedOutput(SecretCase secretCase) {
    String recorded = TestFiles.resource(PREFIX + secretCase.id() + ".v1.32.json");

    String ours = secretCase.pullSecret().toJson();

    assertThat(ours).isEqualTo(recorded);
  }

  @Test
  void yamlHasTheContentOfTheRecordedOutput() throws Exception {
    String recorded = TestFiles.resource(PREFIX + "plain-yaml.v1.32.yaml");

    String ours = SecretCase.VALID.get(0).pullSecret().toYaml();

    YAMLMapper yaml = new YAMLMapper();
    assertThat(yaml.readTree(ours)).isEqualTo(yaml.readTree(recorded));
    assertThat(ours).isEqualTo(recorded);
  }

  @Test
  void rejectsNamesWithTheApiServersRecordedMessages() {
    List<String> expected =
        TestFiles.resource(PREFIX + "server-name-errors.txt")
            .lines()
            .filter(line -> line.startsWith(SERVER_ERROR))
            .map(line -> line.substring(SERVER_ERROR.length()))
            .toList();
    List<String> names = List.of("My_Secret", "a".repeat(254), "A".repeat(254));

    List<String> messages = names.stream().map(RecordedSecretVectorsTest::rejection).toList();

    assertThat(expected).hasSize(3);
    assertThat(messages).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"MySecret", "abc-", "-abc", "a..b", "a_b", ".a", "a b"})
  void rejectsOtherNamesTheApiServerRejects(String name) {
    assertThatThrownBy(() -> PullSecret.named(name))
        .isInstanceOfSatisfying(
            InvalidNameException.class,
            e -> {
              assertThat(e.field()).isEqualTo("metadata.name");
              assertThat(e.value()).isEqualTo(name);
              assertThat(e.kind()).isEqualTo("Secret");
            })
        .hasMessageContaining("a lowercase RFC 1123 subdomain must consist of");
  }

  private static String rejection(String name) {
    try {
      PullSecret.named(name);
      return "accepted";
    } catch (InvalidNameException e) {
      return e.getMessage();
    }
  }
}
