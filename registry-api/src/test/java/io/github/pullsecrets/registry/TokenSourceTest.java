package io.github.pullsecrets.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.pullsecrets.registry.ApiStubs.HOSTNAME;
import static io.github.pullsecrets.registry.ApiStubs.REGISTRY_ID;
import static io.github.pullsecrets.registry.ApiStubs.fixture;
import static io.github.pullsecrets.registry.ApiStubs.registryPath;
import static io.github.pullsecrets.registry.ApiStubs.tokensPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.CredentialScope;
import io.github.pullsecrets.auth.CredentialScope.Action;
import io.github.pullsecrets.auth.TokenInfo;
import io.github.pullsecrets.auth.TokenSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token list as an expiry inventory's token source, over the IONOS stubs. */
class TokenSourceTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final TokenSource source =
      ApiStubs.client(server, new FakeTime(ApiStubs.NOW)).build().tokenSource();

  @Test
  void mapsIdsStatusExpiryAndScopesOfEveryTokenOnEveryPage() {
    stubTokenPages();

    List<TokenInfo> tokens = source.tokens(REGISTRY_ID);

    assertThat(tokens)
        .extracting(TokenInfo::id, TokenInfo::name, TokenInfo::status)
        .containsExactly(
            tuple("5b0c7e1a-2f3d-4c5b-8a9e-1d2c3b4a5f6e", "kubernetes-pull", "enabled"),
            tuple("6c1d8f2b-3a4e-4d6c-9b0f-2e3d4c5b6a7f", "ci-push", "disabled"),
            tuple("7d2e9a3c-4b5f-4e7d-8c1a-3f4e5d6c7b8a", "admin", "enabled"));
    assertThat(tokens.get(0).expiresAt()).contains(Instant.parse("2027-03-03T10:00:00Z"));
    assertThat(tokens.get(0).scopes()).containsExactly(CredentialScope.pullAll());
    assertThat(tokens.get(0).canWrite()).isFalse();
    assertThat(tokens.get(1).expiresAt()).isEqualTo(Optional.empty());
    assertThat(tokens.get(1).scopes())
        .containsExactly(new CredentialScope("shop/api", Set.of(Action.PULL, Action.PUSH)));
    assertThat(tokens.get(1).canWrite()).isTrue();
    assertThat(tokens.get(2).scopes())
        .containsExactly(new CredentialScope("*", Set.of(Action.PULL, Action.PUSH, Action.DELETE)));
    server.verify(
        2,
        getRequestedFor(urlPathEqualTo(tokensPath()))
            .withHeader("Authorization", matching("Bearer .+")));
  }

  @Test
  void findsTheRegistryByItsHostname() {
    server.stubFor(
        get(urlPathEqualTo(ApiStubs.BASE + "/registries"))
            .willReturn(okJson(fixture("registries-page-1.json"))));
    stubTokenPages();

    assertThat(source.tokens(HOSTNAME)).hasSize(3);
  }

  private static void stubTokenPages() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-running.json"))));
    server.stubFor(
        get(urlEqualTo(tokensPath() + "?offset=0&limit=100"))
            .willReturn(okJson(fixture("tokens-page-1.json"))));
    server.stubFor(
        get(urlEqualTo(tokensPath() + "?offset=2&limit=100"))
            .willReturn(okJson(fixture("tokens-page-2.json"))));
  }
}
