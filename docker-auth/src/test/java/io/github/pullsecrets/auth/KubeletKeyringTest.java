package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KubeletKeyringTest {

  static Stream<JsonNode> vectors() {
    return Vectors.load("kubelet-match-vectors.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void triesTheCredentialsTheKubeletWouldTry(JsonNode vector) {
    KubeletKeyring keyring = keyring(vector);
    String image = vector.get("image").asText();

    switch (vector.get("result").asText()) {
      case "error":
        assertThatThrownBy(() -> keyring.lookup(image))
            .isInstanceOfSatisfying(
                InvalidImageReferenceException.class,
                e ->
                    assertThat("couldn't parse image name \"" + image + "\": " + e.reason())
                        .isEqualTo(vector.get("error").asText()));
        break;
      case "none":
        assertThat(keyring.lookup(image)).isEmpty();
        break;
      default:
        assertThat(tryOrder(keyring.lookup(image))).containsExactlyElementsOf(expected(vector));
        assertThat(keyring.lookup(image))
            .allMatch(
                m ->
                    m.dockerHubFallback()
                        == "default-registry-fallback".equals(vector.get("result").asText()));
    }
  }

  @Test
  void failsTheWholeLookupWhenOneSecretDoesNotDecode() {
    KubeletKeyring.Builder builder =
        KubeletKeyring.builder().addDockerConfigJson("good", "{\"auths\":{\"r.io\":{}}}");

    assertThatThrownBy(
            () ->
                builder.addDockerConfigJson(
                    "bad", "{\"auths\":{\"r.io\":{\"auth\":\"bm9jb2xvbg==\"}}}"))
        .isInstanceOf(DockerConfigException.class)
        .hasMessageStartingWith("pull secret \"bad\": entry \"r.io\"");
  }

  @Test
  void ignoresIdentityTokens() {
    KubeletKeyring keyring =
        KubeletKeyring.builder()
            .addDockerConfigJson(
                "s", "{\"auths\":{\"r.io\":{\"auth\":\"YWxpY2U6\",\"identitytoken\":\"tok\"}}}")
            .build();

    RegistryCredential credential = keyring.lookup("r.io/app").get(0).credential();

    assertThat(credential.identityToken()).isEmpty();
    assertThat(credential.username()).isEqualTo("alice");
  }

  @Test
  void readsLegacyDockercfgSecrets() {
    KubeletKeyring keyring =
        KubeletKeyring.builder()
            .addDockercfg("legacy", "{\"https://r.io/v1/\":{\"auth\":\"YWxpY2U6czNjcmV0\"}}")
            .build();

    assertThat(keyring.lookup("r.io/team/app:1"))
        .extracting(KeyringMatch::matchedKey)
        .containsExactly("r.io");
  }

  @Test
  void matchesGlobsAsGoFilepathMatchDoes() {
    assertThat(KeyMatcher.globMatches("foo-*", "foo-bar")).isTrue();
    assertThat(KeyMatcher.globMatches("eu-?", "eu-1")).isTrue();
    assertThat(KeyMatcher.globMatches("r[0-9]", "r7")).isTrue();
    assertThat(KeyMatcher.globMatches("r[^0-9]", "r7")).isFalse();
    assertThat(KeyMatcher.globMatches("r[", "r[")).isFalse();
    assertThat(KeyMatcher.globMatches("a\\*", "a*")).isTrue();
    assertThat(KeyMatcher.globMatches("a.b", "aXb")).isFalse();
  }

  @Test
  void neverShowsAPasswordInAMatch() {
    KubeletKeyring keyring =
        KubeletKeyring.builder()
            .add("s", DockerConfig.of(RegistryCredential.of("r.io", "alice", "SENTINEL-pw")))
            .build();

    assertThat(keyring.lookup("r.io/app").toString()).doesNotContain("SENTINEL");
  }

  private static KubeletKeyring keyring(JsonNode vector) {
    KubeletKeyring.Builder builder = KubeletKeyring.builder();
    for (JsonNode secret : vector.get("secrets")) {
      builder.addDockerConfigJson(
          secret.get("name").asText(), secret.get("dockerconfigjson").toString());
    }
    return builder.build();
  }

  private static List<String> tryOrder(List<KeyringMatch> matches) {
    return matches.stream()
        .map(
            m ->
                m.secretName()
                    + "["
                    + m.entryKey()
                    + "] key="
                    + m.matchedKey()
                    + " user="
                    + m.credential().username())
        .collect(Collectors.toList());
  }

  private static List<String> expected(JsonNode vector) {
    List<String> order = new ArrayList<>();
    vector.get("tryOrder").forEach(line -> order.add(line.asText()));
    return order;
  }
}
