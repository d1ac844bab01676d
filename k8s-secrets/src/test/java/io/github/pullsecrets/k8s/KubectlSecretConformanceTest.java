package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.pullsecrets.auth.internal.GoJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Runs the real {@code kubectl create secret docker-registry ... --dry-run=client} on every case of
 * {@code cases-secrets.tsv} and compares with our pull Secret: JSON byte for byte, YAML after
 * parsing; for the cases kubectl refuses, its error and our refusal.
 */
class KubectlSecretConformanceTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String ERRORS = "vectors/kubectl-secret/kubectl-secret-";
  private static final List<SecretCase> CASES = SecretCase.VALID;
  private static final List<FileSecretCase> FILE_CASES = FileSecretCase.ALL;
  private static final List<RefusedSecretCase> REFUSED = RefusedSecretCase.ALL;

  @TempDir static Path workDirectory;

  @BeforeAll
  static void requireKubectl() throws IOException {
    Kubectl.assumeInstalled();
    Path inputs = Files.createDirectories(workDirectory.resolve(FileSecretCase.INPUTS));
    for (FileSecretCase fileCase : FILE_CASES) {
      Files.write(inputs.resolve(fileCase.input()), fileCase.content());
    }
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

  /**
   * The SDK builds what kubectl 1.31 and later print; kubectl 1.27 to 1.30 key {@code
   * --from-file=PATH} by the file name, which {@code fromFile} reproduces.
   */
  @ParameterizedTest
  @FieldSource("FILE_CASES")
  void fileSecretIsByteForByteWhatKubectlPrints(FileSecretCase fileCase) {
    String kubectl = Kubectl.succeed(workDirectory, SecretCommands.arguments(fileCase.id()));

    boolean keyedByFileName = fileCase.key() == null && Kubectl.minorVersion(workDirectory) < 31;
    PullSecret ours = keyedByFileName ? fileCase.asKubectlBefore131() : fileCase.pullSecret();

    assertThat(ours.toJson()).isEqualTo(kubectl);
  }

  @Test
  void hashOfAFileSecretIsTheSuffixKubectlAppends() {
    FileSecretCase keyed = FILE_CASES.get(1);
    FileSecretCase notJson = FILE_CASES.get(3);
    List<String> keyedArguments = withAppendHash(SecretCommands.arguments(keyed.id()));
    List<String> otherKeyArguments =
        withAppendHash(
            List.of(
                "create",
                "secret",
                "docker-registry",
                "regcred",
                "--from-file=foo=inputs/notjson.txt",
                "--dry-run=client",
                "-o",
                "json"));

    String ours =
        PullSecret.named("regcred").dockerConfigFile(keyed.content()).appendHash().build().toJson();
    String oursOtherKey =
        PullSecret.named("regcred")
            .fromFile("foo", notJson.content())
            .appendHash()
            .build()
            .toJson();

    assertThat(ours).isEqualTo(Kubectl.succeed(workDirectory, keyedArguments));
    assertThat(oursOtherKey).isEqualTo(Kubectl.succeed(workDirectory, otherKeyArguments));
  }

  @ParameterizedTest
  @FieldSource("REFUSED")
  void refusesWhatKubectlRefuses(RefusedSecretCase refused) {
    String recorded = TestFiles.resource(ERRORS + refused.id() + ".v1.32.err");

    Kubectl.Result kubectl = Kubectl.run(workDirectory, SecretCommands.arguments(refused.id()));

    assertThat(kubectl.stderr() + "exit=" + kubectl.exitCode() + "\n").isEqualTo(recorded);
    assertThatThrownBy(refused.attempt())
        .isInstanceOf(refused.type())
        .hasMessageContaining(refused.missing());
  }

  @Test
  void refusesTheDataKeysKubectlRefusesWithTheSameRule() {
    List<String> arguments =
        List.of(
            "create",
            "secret",
            "docker-registry",
            "regcred",
            "--from-file=a/b=inputs/config.json",
            "--dry-run=client",
            "-o",
            "json");

    Kubectl.Result kubectl = Kubectl.run(workDirectory, arguments);
    Throwable ours = catchThrowable(() -> PullSecret.named("regcred").fromFile("a/b", new byte[0]));

    assertThat(kubectl.exitCode()).isEqualTo(1);
    assertThat(ours).isInstanceOf(InvalidNameException.class);
    String rule = ours.getMessage().substring(ours.getMessage().indexOf("a valid config key"));
    assertThat(kubectl.stderr()).startsWith("error: \"a/b\" is not valid key name").contains(rule);
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

  private static List<String> withAppendHash(List<String> arguments) {
    List<String> hashed = new ArrayList<>(arguments);
    hashed.add(4, "--append-hash");
    return hashed;
  }
}
