package io.github.pullsecrets.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.registry.ContainerRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class IonosPullSecretTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String BASE = "/containerregistries";
  private static final String REGISTRY = BASE + "/registries/0f8a4b2c-7d3e-4a1b-9c5d-6e7f8a9b0c1d";
  private static final String PASSWORD = "SENTINEL-9f2c-one-time-password";
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  @TempDir Path directory;

  @Test
  void createsWaitsIssuesAPullTokenAndWritesAnOwnerOnlySecret() throws IOException {
    stubPortalWorkflow();
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Path output = directory.resolve("regcred.json");

    example(screen).run("team-images", "de/fra", "regcred", "shop", output);

    String printed = screen.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains(
            "Login server: team-images.cr.de-fra.ionos.com",
            "\".dockerconfigjson\": \"<redacted>\"",
            "password <redacted>")
        .doesNotContain(PASSWORD);
    assertThat(Files.getPosixFilePermissions(output))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(dockerConfig(output).at("/auths/team-images.cr.de-fra.ionos.com/password").asText())
        .isEqualTo(PASSWORD);
    server.verify(
        postRequestedFor(urlEqualTo(REGISTRY + "/tokens"))
            .withRequestBody(
                equalToJson(
                    """
                    {"properties": {"name": "kubernetes-pull-20261203", "expiryDate": "2027-03-03T10:00:00Z",
                      "status": "enabled",
                      "scopes": [{"name": "*", "type": "repository", "actions": ["pull"]}]}}\
                    """)));
  }

  private void stubPortalWorkflow() {
    server.stubFor(
        head(urlEqualTo(BASE + "/names/team-images")).willReturn(aResponse().withStatus(404)));
    server.stubFor(
        post(BASE + "/registries")
            .willReturn(aResponse().withStatus(201).withBody(fixture("registry-new.json"))));
    server.stubFor(
        get(REGISTRY)
            .inScenario("p")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(fixture("registry-new.json")))
            .willSetStateTo("running"));
    server.stubFor(
        get(REGISTRY)
            .inScenario("p")
            .whenScenarioStateIs("running")
            .willReturn(okJson(fixture("registry-running.json"))));
    server.stubFor(
        post(REGISTRY + "/tokens")
            .willReturn(aResponse().withStatus(201).withBody(fixture("token-created.json"))));
  }

  private IonosPullSecret example(ByteArrayOutputStream screen) {
    List<Object> sleeps = new ArrayList<>();
    ContainerRegistryClient client =
        ContainerRegistryClient.builder()
            .baseUrl(server.baseUrl())
            .bearerToken("jwt")
            .retryPolicy(RetryPolicy.disabled())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .sleeper(sleeps::add)
            .build();
    return new IonosPullSecret(
        client,
        Clock.fixed(NOW, ZoneOffset.UTC),
        new PrintStream(screen, true, StandardCharsets.UTF_8));
  }

  private static JsonNode dockerConfig(Path secretFile) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    String data = mapper.readTree(secretFile.toFile()).at("/data/.dockerconfigjson").asText();
    return mapper.readTree(Base64.getDecoder().decode(data));
  }

  private static String fixture(String name) {
    try (InputStream in = IonosPullSecretTest.class.getResourceAsStream("/ionos/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
