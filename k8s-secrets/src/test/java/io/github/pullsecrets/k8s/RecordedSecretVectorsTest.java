package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.pullsecrets.auth.DockerConfigException;
import io.github.pullsecrets.auth.RegistryCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares pull Secrets with the kubectl 1.27 and 1.32 outputs recorded in {@code
 * vectors/kubectl-secret}, every case of {@code cases-secrets.tsv}. The two versions print the same
 * bytes except for {@code --from-file=PATH} without a key, see {@link
 * #fromFileWithoutKeyFollowsKubectl131AndLater()}.
 */
class RecordedSecretVectorsTest {

  private static final String PREFIX = "vectors/kubectl-secret/kubectl-secret-";
  private static final String SERVER_ERROR = "error: failed to create secret ";
  private static final List<String> VERSIONS = List.of("v1.27", "v1.32");
  private static final List<RefusedSecretCase> REFUSED = RefusedSecretCase.ALL;

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("validCases")
  void jsonIsByteForByteTheRecordedOutput(SecretCase secretCase, String version) {
    String recorded = recorded(secretCase.id(), version);

    String ours = secretCase.pullSecret().toJson();

    assertThat(ours).isEqualTo(recorded);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fileCases")
  void fileSecretIsByteForByteTheRecordedOutput(FileSecretCase fileCase, String version) {
    String recorded = recorded(fileCase.id(), version);

    String ours = fileCase.pullSecret().toJson();

    assertThat(ours).isEqualTo(recorded);
  }

  /**
   * {@code --from-file=PATH} without a key: kubectl 1.27 to 1.30 use the file name ({@code
   * config.json}), 1.31 and later {@code .dockerconfigjson}. The SDK's {@code dockerConfigFile}
   * matches 1.31 and later, the only key the API server accepts; {@code fromFile} with the file
   * name reproduces 1.27.
   */
  @Test
  void fromFileWithoutKeyFollowsKubectl131AndLater() {
    FileSecretCase fromFile = FileSecretCase.ALL.get(0);
    PullSecret asKubectl127 = fromFile.asKubectlBefore131();

    String ours = fromFile.pullSecret().toJson();

    assertThat(ours).isEqualTo(recorded("from-file", "v1.32"));
    assertThat(ours).isNotEqualTo(recorded("from-file", "v1.27"));
    assertThat(asKubectl127.toJson()).isEqualTo(recorded("from-file", "v1.27"));
  }

  @Test
  void fileIsStoredByteForByteWithItsTrailingNewline() {
    FileSecretCase keyed = FileSecretCase.ALL.get(1);
    String recorded =
        TestFiles.jsonValues(recorded(keyed.id(), "v1.32"))
            .get(0)
            .at("/data")
            .path(PullSecret.DATA_KEY)
            .asText();

    byte[] stored = Base64.getDecoder().decode(recorded);

    assertThat(stored).isEqualTo(keyed.content());
    assertThat(new String(stored, StandardCharsets.UTF_8))
        .startsWith("{\n  \"auths\"")
        .endsWith("}\n");
  }

  @Test
  void dockerConfigFileRefusesTheFileKubectlStoresUnread() {
    byte[] notJson = FileSecretCase.ALL.get(3).content();

    assertThatThrownBy(() -> PullSecret.named("regcred").dockerConfigFile(notJson))
        .isInstanceOf(DockerConfigException.class)
        .message()
        .doesNotContain("not json at all");
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void kubectlIgnoresTheFlagsBesideAFileAndTheSdkRefusesTheMix(String version) {
    FileSecretCase fileOnly = FileSecretCase.ALL.get(1);
    FileSecretCase withFlags = FileSecretCase.ALL.get(4);
    PullSecret.Builder mixed =
        PullSecret.named("regcred")
            .dockerConfigFile(withFlags.content())
            .addCredential(
                RegistryCredential.of(RegistryCredential.DOCKER_HUB_SERVER, "bob", "pw"));

    assertThat(recorded(withFlags.id(), version)).isEqualTo(recorded(fileOnly.id(), version));
    assertThatThrownBy(mixed::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("pull Secret regcred has both credentials and a file; give only one");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refusedCases")
  void refusesWhatKubectlRefusesNamingWhatIsMissing(RefusedSecretCase refused, String version) {
    String recorded = TestFiles.resource(PREFIX + refused.id() + "." + version + ".err");

    assertThat(recorded).startsWith("error: ").endsWith("exit=1\n");
    assertThatThrownBy(refused.attempt())
        .isInstanceOf(refused.type())
        .hasMessageContaining(refused.missing());
  }

  /**
   * kubectl's client side prints names the API server rejects; the SDK refuses them up front (see
   * {@link #rejectsNamesWithTheApiServersRecordedMessages()}), and the rest of the Secret is the
   * recorded one.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refusedNames")
  void kubectlPrintsNamesTheSdkRefuses(String id, String version, String name) {
    String recorded = recorded(id, version);
    String sameWithValidName = SecretCase.VALID.get(1).pullSecret().toJson();

    assertThat(recorded).isEqualTo(sameWithValidName.replace("\"regcred\"", "\"" + name + "\""));
    assertThatThrownBy(() -> PullSecret.named(name)).isInstanceOf(InvalidNameException.class);
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

  static Stream<Arguments> validCases() {
    return SecretCase.VALID.stream()
        .flatMap(c -> VERSIONS.stream().map(version -> Arguments.of(c, version)));
  }

  /** The file cases in both versions, but from-file in 1.27: see the test about its key. */
  static Stream<Arguments> fileCases() {
    return FileSecretCase.ALL.stream()
        .flatMap(c -> VERSIONS.stream().map(version -> Arguments.of(c, version)))
        .filter(a -> !a.get()[0].toString().equals("from-file") || a.get()[1].equals("v1.32"));
  }

  static Stream<Arguments> refusedCases() {
    return REFUSED.stream()
        .flatMap(c -> VERSIONS.stream().map(version -> Arguments.of(c, version)));
  }

  static Stream<Arguments> refusedNames() {
    List<Arguments> names =
        List.of(
            Arguments.of("name-uppercase-underscore", "My_Secret"),
            Arguments.of("name-uppercase", "MySecret"),
            Arguments.of("name-254", "a".repeat(254)),
            Arguments.of("name-trailing-dash", "abc-"));
    return names.stream()
        .flatMap(
            a -> VERSIONS.stream().map(version -> Arguments.of(a.get()[0], version, a.get()[1])));
  }

  private static String recorded(String id, String version) {
    return TestFiles.resource(PREFIX + id + "." + version + ".json");
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
