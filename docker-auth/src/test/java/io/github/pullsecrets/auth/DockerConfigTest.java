package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerConfigTest {

  static Stream<JsonNode> kubectlCases() {
    return Vectors.load("kubectl-dockerconfigjson.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectlCases")
  void printsTheSameBytesAsKubectl(JsonNode vector) {
    String server = Vectors.text(vector, "server");
    RegistryCredential credential =
        RegistryCredential.of(
                server.isEmpty() ? RegistryCredential.DOCKER_HUB_SERVER : server,
                Vectors.text(vector, "username"),
                Vectors.text(vector, "password"))
            .withEmail(Vectors.text(vector, "email"));

    String json = DockerConfig.of(credential).toJson();

    assertThat(json).isEqualTo(vector.get("dockerconfigjson").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectlCases")
  void readsBackWhatKubectlWrote(JsonNode vector) {
    DockerConfig config = DockerConfig.parse(vector.get("dockerconfigjson").asText());

    RegistryCredential credential = config.credentials().get(0);
    String username = Vectors.text(vector, "username");
    int colon = username.indexOf(':');
    String expectedUser = colon < 0 ? username : username.substring(0, colon);
    assertThat(credential.username()).isEqualTo(expectedUser);
    assertThat(config.toJson()).isEqualTo(vector.get("dockerconfigjson").asText());
  }

  @Test
  void sortsSeveralCredentialsByKeyAsGoDoes() {
    DockerConfig config =
        DockerConfig.of(
            RegistryCredential.of("zeta.example.com", "z", "pz"),
            RegistryCredential.of("Alpha.example.com", "a", "pa"),
            RegistryCredential.of("alpha.example.com", "b", "pb"));

    assertThat(config.toJson())
        .isEqualTo(
            "{\"auths\":{"
                + "\"Alpha.example.com\":{\"username\":\"a\",\"password\":\"pa\",\"auth\":\"YTpwYQ==\"},"
                + "\"alpha.example.com\":{\"username\":\"b\",\"password\":\"pb\",\"auth\":\"YjpwYg==\"},"
                + "\"zeta.example.com\":{\"username\":\"z\",\"password\":\"pz\",\"auth\":\"ejpweg==\"}"
                + "}}");
  }

  @Test
  void replacesTheEntryOfTheSameServer() {
    DockerConfig config =
        DockerConfig.of(RegistryCredential.of("r.example.com", "old", "1"))
            .with(RegistryCredential.of("r.example.com", "new", "2"));

    assertThat(config.credentials())
        .extracting(RegistryCredential::username)
        .containsExactly("new");
  }

  @Test
  void keepsUnknownFieldsAndEntriesWhenReadAndWrittenBack() {
    String json =
        "{\"auths\":{\"quay.io\":{},\"r.example.com\":{\"auth\":\"YWxpY2U6czNjcmV0\","
            + "\"serveraddress\":\"r.example.com\"}},"
            + "\"credsStore\":\"pass\",\"credHelpers\":{\"gcr.io\":\"gcloud\"},"
            + "\"HttpHeaders\":{\"User-Agent\":\"x\"},\"psFormat\":\"table\"}";

    DockerConfig config = DockerConfig.parse(json);

    assertThat(config.toJson()).isEqualTo(json);
    assertThat(config.credsStore()).contains("pass");
    assertThat(config.credHelpers()).containsEntry("gcr.io", "gcloud");
    assertThat(config.entry("quay.io").orElseThrow().hasCredentials()).isFalse();
  }

  @Test
  void keepsUnknownFieldsWhenAnEntryIsAdded() {
    DockerConfig config = DockerConfig.parse("{\"auths\":{},\"credsStore\":\"desktop\"}");

    String json = config.with(RegistryCredential.of("r.io", "u", "p")).toJson();

    assertThat(json)
        .isEqualTo(
            "{\"auths\":{\"r.io\":{\"username\":\"u\",\"password\":\"p\",\"auth\":\"dTpw\"}},"
                + "\"credsStore\":\"desktop\"}");
  }

  @Test
  void splitsAuthAtTheFirstColon() {
    DockerConfig config =
        DockerConfig.parse("{\"auths\":{\"r.io\":{\"auth\":\"YWxpY2U6cDphOnNz\"}}}");

    RegistryCredential credential = config.credentials().get(0);

    assertThat(credential.username()).isEqualTo("alice");
    assertThat(credential.password()).isEqualTo("p:a:ss");
    assertThat(credential.server()).isEqualTo("r.io");
  }

  @Test
  void acceptsUnpaddedAuthAsTheKubeletDoesAndWarns() {
    Entry entry = onlyEntry("{\"auths\":{\"r.io\":{\"auth\":\"Y2Fyb2w6cHc\"}}}");

    assertThat(entry.credential().username()).isEqualTo("carol");
    assertThat(entry.credential().password()).isEqualTo("pw");
    assertThat(entry.warnings()).containsExactly(EntryWarning.UNPADDED_AUTH);
  }

  @Test
  void letsAuthOverrideTheFields() {
    Entry entry =
        onlyEntry(
            "{\"auths\":{\"r.io\":{\"username\":\"mallory\",\"password\":\"bad\","
                + "\"auth\":\"YWxpY2U6czNjcmV0\"}}}");

    assertThat(entry.credential().username()).isEqualTo("alice");
    assertThat(entry.warnings()).containsExactly(EntryWarning.AUTH_OVERRIDES_FIELDS);
  }

  @Test
  void usesTheFieldsWhenAuthIsEmpty() {
    Entry entry =
        onlyEntry(
            "{\"auths\":{\"r.io\":{\"username\":\"carol\",\"password\":\"pw\",\"auth\":\"\"}}}");

    assertThat(entry.credential().username()).isEqualTo("carol");
    assertThat(entry.credential().password()).isEqualTo("pw");
    assertThat(entry.warnings()).containsExactly(EntryWarning.FIELDS_WITHOUT_AUTH);
  }

  @Test
  void readsAnIdentityToken() {
    Entry entry =
        onlyEntry(
            "{\"auths\":{\"r.io\":{\"auth\":\"YWxpY2U6\",\"identitytoken\":\"refresh-alice\"}}}");

    assertThat(entry.credential().username()).isEqualTo("alice");
    assertThat(entry.credential().identityToken()).contains("refresh-alice");
    assertThat(entry.warnings()).containsExactly(EntryWarning.IDENTITY_TOKEN);
  }

  @Test
  void notesAnEmptyUserName() {
    Entry entry = onlyEntry("{\"auths\":{\"r.io\":{\"auth\":\"OnB3\"}}}");

    assertThat(entry.credential().password()).isEqualTo("pw");
    assertThat(entry.warnings()).containsExactly(EntryWarning.EMPTY_USERNAME);
  }

  @Test
  void acceptsAMissingAuthsObject() {
    assertThat(DockerConfig.parse("{\"credsStore\":\"pass\"}").entries()).isEmpty();
  }

  @Test
  void readsAndWritesTheLegacyDockercfgForm() {
    String legacy = "{\"r.io\":{\"auth\":\"YWxpY2U6czNjcmV0\",\"email\":\"a@r.io\"}}";

    DockerConfig config = DockerConfig.parseDockercfg(legacy);

    assertThat(config.credentials().get(0).email()).contains("a@r.io");
    assertThat(config.toDockercfgJson()).isEqualTo(legacy);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "not json SENTINEL",
        "[\"SENTINEL\"]",
        "{\"auths\":\"SENTINEL\"}",
        "{\"auths\":{\"r.io\":\"SENTINEL\"}}",
        "{\"auths\":{\"r.io\":{\"auth\":\"SENTINEL!!\"}}}",
        "{\"auths\":{\"r.io\":{\"auth\":\"U0VOVElORUw=\"}}}",
        "{\"auths\":{\"r.io\":{\"password\":[\"SENTINEL\"]}}}",
        "{\"auths\":{\"r.io\":{\"auth\":SENTINEL}}}"
      })
  void rejectsBadInputWithATypedErrorThatNeverEchoesIt(String json) {
    assertThatThrownBy(() -> DockerConfig.parse(json))
        .isInstanceOf(DockerConfigException.class)
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SENTINEL").isNotBlank());
  }

  @Test
  void namesTheEntryThatFails() {
    assertThatThrownBy(
            () ->
                DockerConfig.parse(
                    "{\"auths\":{\"ok.io\":{},\"r.io\":{\"auth\":\"bm9jb2xvbg==\"}}}"))
        .isInstanceOf(DockerConfigException.class)
        .hasMessage(
            "entry \"r.io\": \"auth\" must be base64 of username:password, but has no colon")
        .extracting(e -> ((DockerConfigException) e).entryKey())
        .isEqualTo(java.util.Optional.of("r.io"));
  }

  @Test
  void rejectsTrailingContentAsGoDoes() {
    assertThatThrownBy(() -> DockerConfig.parse("{} {\"auths\":{}}"))
        .isInstanceOf(DockerConfigException.class)
        .hasMessageStartingWith("the document is not valid JSON");
  }

  @Test
  void saysWhenTheDocumentExceedsTheReadersLimits() {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);

    assertThatThrownBy(() -> DockerConfig.parse(deep))
        .isInstanceOf(DockerConfigException.class)
        .hasMessageContaining("exceeds the JSON reader's limits");
  }

  @Test
  void saysWhereTheJsonIsBroken() {
    assertThatThrownBy(() -> DockerConfig.parse("{\"auths\":\n{\"r.io\": }"))
        .hasMessage("the document is not valid JSON (line 2, column 10)");
  }

  @Test
  void showsKeysButNoSecretsInToString() {
    DockerConfig config = DockerConfig.of(RegistryCredential.of("r.io", "alice", "SENTINEL"));

    assertThat(config.toString())
        .isEqualTo("DockerConfig{auths=[r.io]}")
        .doesNotContain("SENTINEL");
    assertThat(config.entries().get(0).toString()).doesNotContain("SENTINEL");
  }

  private static Entry onlyEntry(String json) {
    return DockerConfig.parse(json).entries().get(0);
  }
}
