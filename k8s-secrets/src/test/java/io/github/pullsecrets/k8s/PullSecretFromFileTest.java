package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.DockerConfigException;
import io.github.pullsecrets.auth.RegistryCredential;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pull Secrets holding an existing Docker config file, and kubectl's name hash suffix. */
class PullSecretFromFileTest {

  private static final String SECRET_PATH = "/api/v1/namespaces/shop/secrets/regcred";
  private static final RegistryCredential ALICE =
      RegistryCredential.of("registry.example.com", "alice", "s3cret");

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final byte[] configFile = FileSecretCase.ALL.get(0).content();
  private final byte[] notJson = FileSecretCase.ALL.get(3).content();

  @Test
  void dockerConfigFileKeepsTheBytesAndReadsTheDocument() {
    PullSecret secret = PullSecret.named("regcred").dockerConfigFile(configFile).build();

    assertThat(secret.encodedData()).isEqualTo(Base64.getEncoder().encodeToString(configFile));
    assertThat(secret.dataKey()).isEqualTo(PullSecret.DATA_KEY);
    assertThat(secret.dockerConfig().credentials()).containsExactly(ALICE);
    assertThat(secret.credentials()).isEmpty();
  }

  @Test
  void laterChangesToTheCallersArrayDoNotReachTheSecret() {
    byte[] content = configFile.clone();
    PullSecret.Builder builder = PullSecret.named("regcred").dockerConfigFile(content);

    content[0] = '[';

    assertThat(builder.build().encodedData())
        .isEqualTo(Base64.getEncoder().encodeToString(configFile));
  }

  @Test
  void toStringNamesTheKeyAndSizeButNeverTheContent() {
    PullSecret secret = PullSecret.named("regcred").fromFile("foo", configFile).build();

    assertThat(secret).hasToString("PullSecret{name=regcred, file=foo (90 bytes)}");
  }

  @Test
  void fromFileStoresContentThatIsNoDockerConfigButDoesNotReadIt() {
    PullSecret secret = PullSecret.named("regcred").fromFile(PullSecret.DATA_KEY, notJson).build();

    assertThat(Base64.getDecoder().decode(secret.encodedData())).isEqualTo(notJson);
    assertThatThrownBy(secret::dockerConfig)
        .isInstanceOf(DockerConfigException.class)
        .message()
        .doesNotContain("not json");
  }

  @Test
  void fromFileRefusesDataKeysKubectlAndTheApiServerRefuse() {
    PullSecret.Builder builder = PullSecret.named("regcred");

    assertThatThrownBy(() -> builder.fromFile("a/b", configFile))
        .isInstanceOfSatisfying(
            InvalidNameException.class, e -> assertThat(e.field()).isEqualTo("data[a/b]"))
        .hasMessage(
            "Secret \"regcred\" is invalid: data[a/b]: Invalid value: \"a/b\": a valid config key"
                + " must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', "
                + " or 'KEY_NAME',  or 'key-name', regex used for validation is"
                + " '[-._a-zA-Z0-9]+')");
    assertThatThrownBy(() -> builder.fromFile("..data", configFile))
        .hasMessageEndingWith("must not start with '..'");
    assertThatThrownBy(() -> builder.fromFile(".", configFile)).hasMessageEndingWith("be '.'");
    assertThatThrownBy(() -> builder.fromFile("k".repeat(254), configFile))
        .hasMessageEndingWith("must be no more than 253 characters");
  }

  @Test
  void equalityCoversTheKeyAndTheBytes() {
    PullSecret keyed = PullSecret.named("regcred").fromFile("config.json", configFile).build();

    assertThat(keyed)
        .isEqualTo(keyed.toBuilder().build())
        .hasSameHashCodeAs(keyed.toBuilder().build());
    assertThat(keyed)
        .isNotEqualTo(PullSecret.named("regcred").dockerConfigFile(configFile).build());
    assertThat(keyed)
        .isNotEqualTo(PullSecret.named("regcred").fromFile("config.json", notJson).build());
  }

  @Test
  void hashSuffixFollowsTheDataAndNotTheMetadata() {
    PullSecret plain = PullSecret.named("regcred").addCredential(ALICE).appendHash().build();
    PullSecret labelled =
        PullSecret.named("regcred")
            .addCredential(ALICE)
            .namespace("shop")
            .addLabel("team", "web")
            .addAnnotation("note", "x")
            .appendHash()
            .build();
    PullSecret otherPassword =
        PullSecret.named("regcred")
            .addCredential(RegistryCredential.of("registry.example.com", "alice", "other"))
            .appendHash()
            .build();

    assertThat(plain.name()).isEqualTo("regcred-548g9m2btc");
    assertThat(labelled.name()).isEqualTo(plain.name());
    assertThat(otherPassword.name()).startsWith("regcred-").isNotEqualTo(plain.name());
  }

  @Test
  void aCopyKeepsTheHashedNameWithoutASecondSuffix() {
    PullSecret hashed = PullSecret.named("regcred").addCredential(ALICE).appendHash().build();

    PullSecret copy = hashed.toBuilder().namespace("shop").build();

    assertThat(copy.name()).isEqualTo("regcred-548g9m2btc");
  }

  @Test
  void refusesAHashedNameLongerThanTheApiServerAllows() {
    PullSecret.Builder builder =
        PullSecret.named("a".repeat(243)).addCredential(ALICE).appendHash();

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining("must be no more than 253 characters");
    assertThat(PullSecret.named("a".repeat(242)).addCredential(ALICE).appendHash().build().name())
        .hasSize(253);
  }

  @Test
  void appliesTheFileBytesAsTheyAre() {
    stubAbsentThenCreated();
    PullSecret secret = PullSecret.named("regcred").dockerConfigFile(configFile).build();

    SecretReport report =
        KubeTestClients.client(server).pullSecrets().apply(secret).toNamespaces("shop");

    assertThat(report.results())
        .extracting(SecretResult::change)
        .containsExactly(SecretChange.CREATE);
    String expected = Base64.getEncoder().encodeToString(configFile);
    server.verify(
        patchRequestedFor(urlPathEqualTo(SECRET_PATH))
            .withRequestBody(matchingJsonPath("$.data['.dockerconfigjson']", equalTo(expected))));
  }

  private static void stubAbsentThenCreated() {
    String notFound =
        Transcript.load("11-secret-get-404.txt")
            .exchange(1)
            .responseBody()
            .replace("regcred-missing", "regcred");
    server.stubFor(get(urlPathEqualTo(SECRET_PATH)).willReturn(json(404, notFound)));
    String created = Transcript.load("15-secret-apply-create-201.txt").exchange(1).responseBody();
    server.stubFor(patch(urlPathEqualTo(SECRET_PATH)).willReturn(json(201, created)));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
