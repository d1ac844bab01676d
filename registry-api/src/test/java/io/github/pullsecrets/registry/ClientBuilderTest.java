package io.github.pullsecrets.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.pullsecrets.registry.ApiStubs.BASE;
import static io.github.pullsecrets.registry.ApiStubs.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClientBuilderTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @BeforeEach
  void stubLocations() {
    server.stubFor(get(BASE + "/locations").willReturn(okJson(fixture("locations.json"))));
  }

  @Test
  void theEnvironmentApiUrlIsAHostAndGetsTheProductPath() {
    ContainerRegistryClient client =
        ContainerRegistryClient.builder()
            .environment(Map.of("IONOS_TOKEN", "jwt", "IONOS_API_URL", server.baseUrl() + "/"))
            .build();

    client.locations();

    server.verify(
        getRequestedFor(urlEqualTo(BASE + "/locations"))
            .withHeader("Authorization", equalTo("Bearer jwt"))
            .withHeader("X-Contract-Number", absent()));
  }

  @Test
  void aBaseUrlThatEndsWithTheProductPathIsKept() {
    String production = "https://api.ionos.com/containerregistries/";

    assertThat(ContainerRegistryClient.normalizeBaseUrl(production))
        .isEqualTo("https://api.ionos.com/containerregistries");
    assertThat(ContainerRegistryClient.normalizeBaseUrl("https://proxy.example/ionos"))
        .isEqualTo("https://proxy.example/ionos/containerregistries");
  }

  @Test
  void theTokenWinsOverUserAndPassword() {
    ContainerRegistryClient client =
        ContainerRegistryClient.builder()
            .environment(
                Map.of(
                    "IONOS_TOKEN",
                    "jwt",
                    "IONOS_USERNAME",
                    "ops@example.com",
                    "IONOS_PASSWORD",
                    "pw",
                    "IONOS_API_URL",
                    server.baseUrl()))
            .build();

    client.locations();

    server.verify(
        getRequestedFor(urlEqualTo(BASE + "/locations"))
            .withHeader("Authorization", equalTo("Bearer jwt")));
  }

  @Test
  void userAndPasswordAreSentAsBasicWithTheContractNumber() {
    ContainerRegistryClient client =
        ContainerRegistryClient.builder()
            .environment(
                Map.of(
                    "IONOS_USERNAME",
                    "ops@example.com",
                    "IONOS_PASSWORD",
                    "pw",
                    "IONOS_API_URL",
                    server.baseUrl(),
                    "IONOS_CONTRACT_NUMBER",
                    "31721234"))
            .build();

    client.locations();

    String basic =
        Base64.getEncoder().encodeToString("ops@example.com:pw".getBytes(StandardCharsets.UTF_8));
    server.verify(
        getRequestedFor(urlEqualTo(BASE + "/locations"))
            .withHeader("Authorization", equalTo("Basic " + basic))
            .withHeader("X-Contract-Number", equalTo("31721234")));
  }

  @Test
  void buildFailsWithoutCredentialsNamingTheWaysToGiveThem() {
    assertThatThrownBy(() -> ContainerRegistryClient.builder().environment(Map.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bearerToken")
        .hasMessageContaining("IONOS_TOKEN");
  }

  @Test
  void invalidSettingsAreRejectedNamingTheArgument() {
    ContainerRegistryClient.Builder builder = ContainerRegistryClient.builder();

    assertThatThrownBy(() -> builder.contractNumber("12a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contractNumber");
    assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> builder.baseUrl("api.ionos.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> builder.bearerToken(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token");
    assertThatThrownBy(() -> builder.bearerToken(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("token");
  }

  @Test
  void theBuilderNeverPrintsCredentials() {
    ContainerRegistryClient.Builder builder =
        ContainerRegistryClient.builder().basicAuth("ops@example.com", "SENTINEL-pw");

    assertThat(builder.toString()).doesNotContain("SENTINEL").contains("<redacted>");
    assertThat(builder.build().toString()).doesNotContain("SENTINEL").contains("Basic");
  }
}
