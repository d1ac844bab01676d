package io.github.pullsecrets.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.k8s.PullSecret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PullCheckTest {

  private static final String DIGEST = "sha256:" + "cd".repeat(32);

  @RegisterExtension
  static WireMockExtension registry =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void basicRegistryWithOneImage() {
    registry.stubFor(
        get(urlPathEqualTo("/v2/"))
            .willReturn(
                aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
    registry.stubFor(
        head(urlPathEqualTo("/v2/shop/api/manifests/1.4"))
            .withHeader("Authorization", equalTo(basic("robot", "s3cret")))
            .willReturn(
                aResponse()
                    .withHeader("Docker-Content-Digest", DIGEST)
                    .withHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")));
    registry.stubFor(
        head(urlPathEqualTo("/v2/shop/api/manifests/1.4"))
            .withHeader("Authorization", equalTo(basic("robot", "wrong")))
            .willReturn(
                aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
  }

  @Test
  void saysWhichCredentialCanPull() throws IOException {
    String secret = secretYaml(RegistryCredential.of(host(), "robot", "s3cret"));

    int status = run(secret, "--insecure", "-", host() + "/shop/api:1.4");

    assertThat(status).isZero();
    assertThat(printed()).contains("dcd[" + host() + "]").contains("can pull " + DIGEST);
  }

  @Test
  void saysWhyAWrongPasswordCannotPullWithoutShowingIt() throws IOException {
    String secret = secretYaml(RegistryCredential.of(host(), "robot", "wrong"));

    int status = run(secret, "--insecure", "-", host() + "/shop/api:1.4");

    assertThat(status).isEqualTo(1);
    assertThat(printed())
        .contains("cannot pull")
        .contains("BAD_CREDENTIALS")
        .doesNotContain("wrong");
  }

  @Test
  void saysWhenNoEntryMatchesTheImage() throws IOException {
    String secret = secretYaml(RegistryCredential.of("other.example.com", "robot", "s3cret"));

    int status = run(secret, "--insecure", "-", host() + "/shop/api:1.4");

    assertThat(status).isEqualTo(1);
    assertThat(printed()).contains("the kubelet pulls anonymously");
  }

  @Test
  void rejectsASecretWithoutDockerConfigJson() throws IOException {
    int status = run("kind: Secret\nmetadata: {name: x}\ndata: {}\n", "-", "r.io/app");

    assertThat(status).isEqualTo(2);
    assertThat(printed()).contains("no .dockerconfigjson");
  }

  private int run(String stdin, String... args) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    return PullCheck.run(List.of(args), in, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String secretYaml(RegistryCredential credential) {
    return PullSecret.named("dcd").addCredential(credential).build().toYaml();
  }

  private static String basic(String user, String password) {
    String pair = user + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String host() {
    return "localhost:" + registry.getRuntimeInfo().getHttpPort();
  }
}
