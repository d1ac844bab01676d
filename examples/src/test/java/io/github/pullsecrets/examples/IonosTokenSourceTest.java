package io.github.pullsecrets.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.CredentialScope;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.k8s.TokenInfo;
import io.github.pullsecrets.registry.ContainerRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IONOS token list as the inventory's token source, over a WireMock IONOS API. */
class IonosTokenSourceTest {

  private static final String REGISTRY = "0f8a4b2c-7d3e-4a1b-9c5d-6e7f8a9b0c1d";
  private static final String TOKENS = "/containerregistries/registries/" + REGISTRY + "/tokens";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void mapsIdsStatusExpiryAndScopesOfEveryToken() {
    server.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(okJson(fixture("tokens.json"))));
    ContainerRegistryClient client =
        ContainerRegistryClient.builder()
            .baseUrl(server.baseUrl())
            .bearerToken("jwt")
            .retryPolicy(RetryPolicy.disabled())
            .build();

    List<TokenInfo> tokens = new IonosTokenSource(client).tokens(REGISTRY);

    assertThat(tokens).extracting(TokenInfo::id, TokenInfo::name, TokenInfo::status)
        .containsExactly(
            tuple(
                "5b0c7e1a-2f3d-4c5b-8a9e-1d2c3b4a5f6e", "kubernetes-pull", "enabled"),
            tuple(
                "6c1d8f2b-3a4e-4d6c-9b0f-2e3d4c5b6a7f", "ci-push", "disabled"));
    assertThat(tokens.get(0).expiresAt()).contains(Instant.parse("2027-03-03T10:00:00Z"));
    assertThat(tokens.get(0).scopes()).containsExactly(CredentialScope.pullAll());
    assertThat(tokens.get(0).canWrite()).isFalse();
    assertThat(tokens.get(1).expiresAt()).isEqualTo(Optional.empty());
    assertThat(tokens.get(1).scopes())
        .containsExactly(
            new CredentialScope(
                "shop/api", Set.of(CredentialScope.Action.PULL, CredentialScope.Action.PUSH)));
    assertThat(tokens.get(1).canWrite()).isTrue();
    server.verify(
        getRequestedFor(urlPathEqualTo(TOKENS)).withHeader("Authorization", matching("Bearer .+")));
  }

  private static String fixture(String name) {
    try (InputStream in = IonosTokenSourceTest.class.getResourceAsStream("/ionos/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
