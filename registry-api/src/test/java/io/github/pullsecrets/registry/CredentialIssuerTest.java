package io.github.pullsecrets.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.pullsecrets.registry.ApiStubs.BASE;
import static io.github.pullsecrets.registry.ApiStubs.HOSTNAME;
import static io.github.pullsecrets.registry.ApiStubs.PASSWORD;
import static io.github.pullsecrets.registry.ApiStubs.REGISTRY_ID;
import static io.github.pullsecrets.registry.ApiStubs.TOKEN_ID;
import static io.github.pullsecrets.registry.ApiStubs.fixture;
import static io.github.pullsecrets.registry.ApiStubs.registryPath;
import static io.github.pullsecrets.registry.ApiStubs.tokensPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.CredentialIssuer;
import io.github.pullsecrets.auth.CredentialRequest;
import io.github.pullsecrets.auth.CredentialScope;
import io.github.pullsecrets.auth.IssuedCredential;
import io.github.pullsecrets.auth.RegistryCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CredentialIssuerTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final CredentialIssuer issuer =
      ApiStubs.client(server, new FakeTime(ApiStubs.NOW)).build().credentialIssuer();

  @Test
  void issueFindsTheRegistryByHostnameAndCreatesAPullToken() {
    server.stubFor(
        get(urlPathEqualTo(BASE + "/registries"))
            .willReturn(
                okJson(
                    fixture("registries-page-2.json")
                        .replace(
                            "\"hostname\": \"\"",
                            "\"hostname\": \"ci-cache.cr.de-fra.ionos.com\""))));
    server.stubFor(
        post(BASE + "/registries/2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e/tokens")
            .willReturn(aResponse().withStatus(201).withBody(fixture("token-created.json"))));

    IssuedCredential issued =
        issuer.issue(
            CredentialRequest.pullOnly(
                "ci-cache.cr.de-fra.ionos.com", "kubernetes-pull", Duration.ofDays(90)));

    server.verify(
        postRequestedFor(
                urlEqualTo(BASE + "/registries/2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e/tokens"))
            .withRequestBody(
                equalToJson(
                    """
                    {"properties": {"name": "kubernetes-pull", "expiryDate": "2027-03-03T10:00:00Z",
                      "status": "enabled",
                      "scopes": [{"name": "*", "type": "repository", "actions": ["pull"]}]}}\
                    """)));
    assertThat(issued.id()).isEqualTo(TOKEN_ID);
    assertThat(issued.credential())
        .isEqualTo(
            RegistryCredential.of("ci-cache.cr.de-fra.ionos.com", "kubernetes-pull", PASSWORD));
    assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2027-03-03T10:00:00Z"));
  }

  @Test
  void issueMapsEveryScopeAndAcceptsARegistryId() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-running.json"))));
    server.stubFor(
        post(tokensPath())
            .willReturn(aResponse().withStatus(201).withBody(fixture("token-created.json"))));

    IssuedCredential issued =
        issuer.issue(
            new CredentialRequest(
                REGISTRY_ID,
                "ci-push",
                List.of(
                    new CredentialScope(
                        "shop/api",
                        Set.of(CredentialScope.Action.PUSH, CredentialScope.Action.PULL))),
                Duration.ofHours(2)));

    assertThat(issued.credential().server()).isEqualTo(HOSTNAME);
    server.verify(
        postRequestedFor(urlEqualTo(tokensPath()))
            .withRequestBody(
                equalToJson(
                    """
                    {"properties": {"name": "ci-push", "expiryDate": "2026-12-03T12:00:00Z",
                      "status": "enabled",
                      "scopes": [{"name": "shop/api", "type": "repository", "actions": ["pull", "push"]}]}}
                    """)));
  }

  @Test
  void revokeDeletesTheTokenAndIgnoresOneAlreadyGone() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-running.json"))));
    server.stubFor(delete(tokensPath() + "/" + TOKEN_ID).willReturn(aResponse().withStatus(204)));
    String gone = "9e9e9e9e-1111-4222-8333-444455556666";
    server.stubFor(delete(tokensPath() + "/" + gone).willReturn(aResponse().withStatus(404)));

    issuer.revoke(REGISTRY_ID, TOKEN_ID);

    server.verify(deleteRequestedFor(urlEqualTo(tokensPath() + "/" + TOKEN_ID)));
    assertThatCode(() -> issuer.revoke(REGISTRY_ID, gone)).doesNotThrowAnyException();
  }

  @Test
  void idsNamedListsEveryPageAndKeepsOnlyThatName() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-running.json"))));
    server.stubFor(
        get(urlEqualTo(tokensPath() + "?offset=0&limit=100"))
            .willReturn(okJson(fixture("tokens-page-1.json"))));
    server.stubFor(
        get(urlEqualTo(tokensPath() + "?offset=2&limit=100"))
            .willReturn(okJson(fixture("tokens-page-2.json"))));

    assertThat(issuer.idsNamed(REGISTRY_ID, "ci-push"))
        .containsExactly("6c1d8f2b-3a4e-4d6c-9b0f-2e3d4c5b6a7f");
    assertThat(issuer.idsNamed(REGISTRY_ID, "admin"))
        .containsExactly("7d2e9a3c-4b5f-4e7d-8c1a-3f4e5d6c7b8a");
    assertThat(issuer.idsNamed(REGISTRY_ID, "dcd-20261204-080000")).isEmpty();
  }
}
