package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.pullsecrets.auth.internal.GoJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Runs the real {@code kubectl create secret docker-registry ... --dry-run=client} on every
 * credential case of {@code cases-secrets.tsv} and compares with our pull Secret: JSON byte for
 * byte, YAML after parsing.
 */
class KubectlSecretConformanceTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final List<SecretCase> CASES = SecretCase.VALID;

  @TempDir static Path workDirectory;

  @BeforeAll
  static void requireKubectl() {
    Kubectl.assumeInstalled();
  }

  @ParameterizedTest
  @FieldSource("CASES")
  void jsonIsByteForByteWhatKubectlPrints(SecretCase secretCase) {
    String kubectl = Kubectl.succeed(workDirectory, secretCase.kubectlArguments("json"));

    String ours = secretCase.pullSecret().toJson();

    assertThat(ours).isEqualTo(kubectl);
  }

  @ParameterizedTest
  @FieldSource("CASES")
  void yamlHasTheContentKubectlPrints(SecretCase secretCase) throws Exception {
    String kubectl = Kubectl.succeed(workDirectory, secretCase.kubectlArguments("yaml"));

    String ours = secretCase.pullSecret().toYaml();

    assertThat(YAML.readTree(ours)).isEqualTo(YAML.readTree(kubectl));
  }

  @Test
  void annotationsFollowCreationTimestampAsKubectlPrintsThem() throws Exception {
    SecretCase plain = SecretCase.VALID.get(0);
    List<String> arguments = new ArrayList<>(plain.kubectlArguments("json"));
    arguments.addAll(List.of("-n", "shop", "--save-config"));
    String kubectl = Kubectl.succeed(workDirectory, arguments);
    PullSecret secret = plain.pullSecret().toBuilder().namespace("shop").build();
    ObjectNode unannotated = (ObjectNode) TestFiles.JSON.readTree(secret.toJson());

    String ours =
        secret.toBuilder()
            .addAnnotation(
                "kubectl.kubernetes.io/last-applied-configuration",
                GoJson.compact(unannotated) + "\n")
            .build()
            .toJson();

    assertThat(ours).isEqualTo(kubectl);
  }

  @Test
  void kubectlAcceptsNamesTheApiServerRejectsAndWeDoNot() {
    List<String> arguments = new ArrayList<>(SecretCase.VALID.get(1).kubectlArguments("json"));
    arguments.set(3, "My_Secret");

    JsonNode kubectl = TestFiles.jsonValues(Kubectl.succeed(workDirectory, arguments)).get(0);

    assertThat(kubectl.at("/metadata/name").asText()).isEqualTo("My_Secret");
    assertThat(catchThrowable(() -> PullSecret.named("My_Secret")))
        .isInstanceOf(InvalidNameException.class);
  }
}
