package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * config.json keys and lookups as the docker CLI 28.2.2 wrote and read them (recorded in {@code
 * docker-cli-login-writes.txt} and {@code docker-cli-config-read.txt}), and credential helpers run
 * from real scripts.
 */
class DockerConfigFileTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  static Stream<DockerCliVectors.LoginWrite> loginWrites() {
    return DockerCliVectors.loginWrites().stream();
  }

  static Stream<DockerCliVectors.ConfigRead> configReads() {
    return DockerCliVectors.configReads().stream();
  }

  @Test
  void everyRecordingIsRead() {
    assertThat(DockerCliVectors.loginWrites()).hasSize(6);
    assertThat(DockerCliVectors.configReads()).hasSize(9);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loginWrites")
  void loginKeyIsTheKeyDockerLoginWrote(DockerCliVectors.LoginWrite vector) throws IOException {
    JsonNode auths = JSON.readTree(vector.configJson()).get("auths");
    String recordedKey = auths.fieldNames().next();

    assertThat(auths.size()).isEqualTo(1);
    assertThat(DockerConfigFile.loginKey(vector.address())).isEqualTo(recordedKey);
    assertThat(RegistryHosts.loginKey(vector.address())).isEqualTo(recordedKey);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loginWrites")
  void storeWritesTheSameBytesAsDockerLogin(DockerCliVectors.LoginWrite vector) throws IOException {
    JsonNode entry = JSON.readTree(vector.configJson()).get("auths").elements().next();
    String key = DockerConfigFile.loginKey(vector.address());
    RegistryCredential credential =
        entry.has("identitytoken")
            ? RegistryCredential.withIdentityToken(
                key, "alice", entry.get("identitytoken").asText())
            : RegistryCredential.of(key, "alice", "s3cret");
    DockerConfigFile config = DockerConfigFile.in(directory);

    config.store(credential);

    assertThat(Files.readString(config.path())).isEqualTo(vector.configJson());
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({
    "'', https://index.docker.io/v1/",
    "'  ', https://index.docker.io/v1/",
    "docker.io, https://index.docker.io/v1/",
    "index.docker.io, https://index.docker.io/v1/",
    "registry-1.docker.io, https://index.docker.io/v1/",
    "https://index.docker.io/v1/, https://index.docker.io/v1/",
    "https://registry-1.docker.io/v2/, https://index.docker.io/v1/",
    "docker.io/library/nginx, https://index.docker.io/v1/",
    "http://r.example.com, r.example.com",
    "https://r.example.com:5000/v2/, r.example.com:5000",
    "r.example.com/team/app, r.example.com",
    "localhost:5000, localhost:5000",
    "docker.io:5000, docker.io:5000"
  })
  void loginKeyNormalisesDockerHubSpellingsToTheOnlyKeyTheCliReads(String address, String key) {
    assertThat(DockerConfigFile.loginKey(address)).isEqualTo(key);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configReads")
  void lookupFindsWhatTheDockerCliFoundOrRefusesWhatItRefused(DockerCliVectors.ConfigRead vector)
      throws IOException {
    Files.writeString(directory.resolve("config.json"), vector.configJson());
    DockerConfigFile config = DockerConfigFile.in(directory);

    if (vector.refusal().isEmpty()) {
      CredentialLookup found = config.lookup(vector.key(), CredentialHelpers.disabled());

      assertThat(found.source()).isEqualTo(CredentialLookup.Source.CONFIG_FILE);
      assertThat(found.key()).isEqualTo(vector.key());
      assertThat(found.credential().map(RegistryCredential::username)).contains(vector.user());
      assertThat(found.credential().map(RegistryCredential::server)).contains(vector.key());
    } else {
      assertThatThrownBy(() -> config.lookup(vector.key(), CredentialHelpers.disabled()))
          .as("the docker CLI said: %s", vector.refusal())
          .isInstanceOf(DockerConfigException.class)
          .hasMessageContaining("127.0.0.1:15000")
          .extracting(e -> ((DockerConfigException) e).entryKey())
          .isEqualTo(java.util.Optional.of("127.0.0.1:15000"));
    }
  }

  @Test
  void credHelperWinsOverCredsStoreAndAuths() throws IOException {
    Path bin = helpers();
    writeConfig(
        "{\"auths\":{\"r.example.com\":{\"auth\":\"YWxpY2U6czNjcmV0\"},"
            + "\"other.example.com\":{\"auth\":\"YWxpY2U6czNjcmV0\"}},"
            + "\"credsStore\":\"store\",\"credHelpers\":{\"r.example.com\":\"vault\"}}");
    DockerConfigFile config = DockerConfigFile.in(directory);

    CredentialLookup helper = config.lookup("r.example.com", CredentialHelpers.in(List.of(bin)));
    CredentialLookup store = config.lookup("other.example.com", CredentialHelpers.in(List.of(bin)));

    assertThat(helper.source()).isEqualTo(CredentialLookup.Source.CREDENTIAL_HELPER);
    assertThat(helper.helper()).contains("vault");
    assertThat(helper.credential().orElseThrow().username()).isEqualTo("vault-user");
    assertThat(helper.credential().orElseThrow().password()).isEqualTo("vault-secret");
    assertThat(Files.readString(bin.resolve("vault.stdin"))).isEqualTo("r.example.com");
    assertThat(store.source()).isEqualTo(CredentialLookup.Source.CREDENTIALS_STORE);
    assertThat(store.credential().orElseThrow().username()).isEqualTo("store-user");
    assertThat(Files.readString(bin.resolve("store.stdin"))).isEqualTo("other.example.com");
  }

  @Test
  void credsStoreWinsOverAuthsAndAuthsIsUsedWithoutIt() throws IOException {
    Path bin = helpers();
    writeConfig("{\"auths\":{\"r.example.com\":{\"auth\":\"YWxpY2U6czNjcmV0\"}}}");
    CredentialLookup fromFile =
        DockerConfigFile.in(directory).lookup("r.example.com", CredentialHelpers.in(List.of(bin)));
    writeConfig(
        "{\"auths\":{\"r.example.com\":{\"auth\":\"YWxpY2U6czNjcmV0\"}},\"credsStore\":\"store\"}");

    CredentialLookup fromStore =
        DockerConfigFile.in(directory).lookup("r.example.com", CredentialHelpers.in(List.of(bin)));

    assertThat(fromFile.source()).isEqualTo(CredentialLookup.Source.CONFIG_FILE);
    assertThat(fromFile.credential().orElseThrow().username()).isEqualTo("alice");
    assertThat(fromStore.source()).isEqualTo(CredentialLookup.Source.CREDENTIALS_STORE);
    assertThat(fromStore.credential().orElseThrow().username()).isEqualTo("store-user");
  }

  @Test
  void helperAnsweringTokenUserGivesAnIdentityToken() throws IOException {
    Path bin = helpers();
    writeConfig("{\"credHelpers\":{\"r.example.com\":\"tokens\"}}");

    CredentialLookup found =
        DockerConfigFile.in(directory).lookup("r.example.com", CredentialHelpers.in(List.of(bin)));

    RegistryCredential credential = found.credential().orElseThrow();
    assertThat(credential.identityToken()).contains("refresh-from-helper");
    assertThat(credential.username()).isEmpty();
    assertThat(credential.password()).isEmpty();
    assertThat(credential.server()).isEqualTo("r.example.com");
    assertThat(found.toString()).doesNotContain("refresh-from-helper");
  }

  @Test
  void helperWithoutTheCredentialGivesNone() throws IOException {
    Path bin = helpers();
    writeConfig("{\"credHelpers\":{\"r.example.com\":\"empty\"}}");

    CredentialLookup found =
        DockerConfigFile.in(directory).lookup("r.example.com", CredentialHelpers.in(List.of(bin)));

    assertThat(found.source()).isEqualTo(CredentialLookup.Source.CREDENTIAL_HELPER);
    assertThat(found.credential()).isEmpty();
  }

  @Test
  void fromEnvironmentHonoursDockerConfig() {
    Path home = directory.resolve("home");

    assertThat(
            DockerConfigFile.fromEnvironment(Map.of("DOCKER_CONFIG", "/etc/docker-ci"), home)
                .path())
        .isEqualTo(Path.of("/etc/docker-ci", "config.json"));
    assertThat(DockerConfigFile.fromEnvironment(Map.of("DOCKER_CONFIG", ""), home).path())
        .isEqualTo(home.resolve(".docker").resolve("config.json"));
    assertThat(DockerConfigFile.fromEnvironment(Map.of(), home).path())
        .isEqualTo(home.resolve(".docker").resolve("config.json"));
  }

  @Test
  void fromEnvironmentReadsTheRealEnvironment() {
    String configured = System.getenv("DOCKER_CONFIG");
    Path expected =
        configured != null && !configured.isEmpty()
            ? Path.of(configured, "config.json")
            : Path.of(System.getProperty("user.home"), ".docker", "config.json");

    assertThat(DockerConfigFile.fromEnvironment().path()).isEqualTo(expected);
  }

  private void writeConfig(String json) throws IOException {
    Files.writeString(directory.resolve("config.json"), json);
  }

  /**
   * Writes helpers {@code vault}, {@code store} (each records its input in {@code NAME.stdin}),
   * {@code tokens} (answers {@code <token>}) and {@code empty} (has nothing) into a bin directory.
   */
  private Path helpers() throws IOException {
    Path bin = Files.createDirectories(directory.resolve("bin"));
    helper(bin, "vault", answer("vault-user", "vault-secret"));
    helper(bin, "store", answer("store-user", "store-secret"));
    helper(bin, "tokens", answer("<token>", "refresh-from-helper"));
    helper(bin, "empty", "echo 'credentials not found in native keychain'\nexit 1\n");
    return bin;
  }

  private static String answer(String user, String secret) {
    return "printf '{\"ServerURL\":\"%s\",\"Username\":\""
        + user
        + "\",\"Secret\":\""
        + secret
        + "\"}' \"$server\"\n";
  }

  private static void helper(Path bin, String name, String body) throws IOException {
    Path script = bin.resolve("docker-credential-" + name);
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "[ \"$1\" = get ] || exit 2\n"
            + "server=$(cat)\n"
            + "printf '%s' \"$server\" > \""
            + bin.resolve(name + ".stdin")
            + "\"\n"
            + body);
    assertThat(script.toFile().setExecutable(true)).isTrue();
  }
}
