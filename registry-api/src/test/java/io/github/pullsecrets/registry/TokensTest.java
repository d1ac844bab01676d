package io.github.pullsecrets.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.pullsecrets.registry.ApiStubs.HOSTNAME;
import static io.github.pullsecrets.registry.ApiStubs.PASSWORD;
import static io.github.pullsecrets.registry.ApiStubs.REGISTRY_ID;
import static io.github.pullsecrets.registry.ApiStubs.TOKEN_ID;
import static io.github.pullsecrets.registry.ApiStubs.fixture;
import static io.github.pullsecrets.registry.ApiStubs.registryPath;
import static io.github.pullsecrets.registry.ApiStubs.tokensPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.RegistryCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokensTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Instant EXPIRY = Instant.parse("2027-03-03T10:00:00Z");

  private final FakeTime time = new FakeTime(ApiStubs.NOW);
  private final ContainerRegistryClient client = ApiStubs.client(server, time).build();

  @Test
  void createSendsAPullOnlyTokenAndReturnsTheCredentialForTheHostname() {
    stubRunningRegistry();
    stubCreated();

    IssuedToken issued =
        client
            .tokens(REGISTRY_ID)
            .create(TokenSpec.pullOnly("kubernetes-pull").expiresAt(EXPIRY.plusMillis(400)));

    server.verify(
        postRequestedFor(urlEqualTo(tokensPath()))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {"properties": {"name": "kubernetes-pull", "expiryDate": "2027-03-03T10:00:00Z",
                      "status": "enabled",
                      "scopes": [{"name": "*", "type": "repository", "actions": ["pull"]}]}}\
                    """)));
    assertThat(issued.credential())
        .isEqualTo(RegistryCredential.of(HOSTNAME, "kubernetes-pull", PASSWORD));
    assertThat(issued.token().id()).isEqualTo(TOKEN_ID);
    assertThat(issued.token().expiresAt()).contains(EXPIRY);
    assertThat(issued.token().scopes()).containsExactly(Scope.pullAll());
    assertThat(issued.recovery()).isEqualTo(IssuedToken.Recovery.NONE);
  }

  @Test
  void createWithAKnownRegistryDoesNotReadItAgain() {
    stubCreated();
    Registry registry = runningRegistry();

    IssuedToken issued = client.tokens(registry).create(TokenSpec.pullOnly("kubernetes-pull"));

    assertThat(issued.credential().server()).isEqualTo(HOSTNAME);
    server.verify(0, getRequestedFor(urlEqualTo(registryPath())));
  }

  @Test
  void pushAndDeleteMustBeAskedForExplicitly() {
    stubCreated();

    client
        .tokens(runningRegistry())
        .create(
            TokenSpec.named("ci-push")
                .addScope(Scope.repository("shop/api", Scope.PULL, Scope.PUSH, Scope.DELETE))
                .status(TokenStatus.DISABLED));

    server.verify(
        postRequestedFor(urlEqualTo(tokensPath()))
            .withRequestBody(
                equalToJson(
                    """
                    {"properties": {"name": "ci-push", "status": "disabled", "scopes": [
                      {"name": "shop/api", "type": "repository", "actions": ["pull", "push", "delete"]}]}}
                    """)));
  }

  @Test
  void createRefusesARegistryWithoutHostnameBeforePosting() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-new.json"))));

    assertThatThrownBy(() -> client.tokens(REGISTRY_ID).create(TokenSpec.pullOnly("pull")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no hostname")
        .hasMessageContaining("New");
    server.verify(0, postRequestedFor(urlEqualTo(tokensPath())));
  }

  @Test
  void createValidatesExpiryScopesAndNameBeforeSending() {
    Tokens tokens = client.tokens(runningRegistry());

    assertThatThrownBy(
            () ->
                tokens.create(
                    TokenSpec.pullOnly("pull")
                        .expiresAt(ApiStubs.NOW.plus(Duration.ofMinutes(59)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiresAt");
    assertThatThrownBy(() -> tokens.create(TokenSpec.named("nothing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scope");
    assertThatThrownBy(() -> TokenSpec.pullOnly("-bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'-bad'");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void getReadsATokenWithoutInventingAPassword() {
    server.stubFor(get(tokensPath() + "/" + TOKEN_ID).willReturn(okJson(fixture("token.json"))));

    Token token = client.tokens(REGISTRY_ID).get(TOKEN_ID);

    assertThat(token.name()).isEqualTo("kubernetes-pull");
    assertThat(token.username()).isEqualTo("kubernetes-pull");
    assertThat(token.status()).isEqualTo(TokenStatus.ENABLED);
    assertThat(token.expiresAt()).contains(EXPIRY);
    assertThat(token.toString()).doesNotContain("password");
  }

  @Test
  void listPagesByOffsetSentAsStrings() {
    server.stubFor(
        get(urlEqualTo(tokensPath() + "?offset=0&limit=100"))
            .willReturn(okJson(fixture("tokens-page-1.json"))));
    server.stubFor(
        get(urlEqualTo(tokensPath() + "?offset=2&limit=100"))
            .willReturn(okJson(fixture("tokens-page-2.json"))));

    List<Token> tokens = client.tokens(REGISTRY_ID).list().toList();

    assertThat(tokens)
        .extracting(Token::name)
        .containsExactly("kubernetes-pull", "ci-push", "admin");
    assertThat(tokens.get(0).expiresAt()).contains(EXPIRY);
    assertThat(tokens.get(1).expiresAt()).isEmpty();
    assertThat(tokens.get(1).status()).isEqualTo(TokenStatus.DISABLED);
    assertThat(tokens.get(2).expiresAt()).contains(Instant.parse("2026-12-31T22:59:59.999Z"));
    server.verify(2, getRequestedFor(urlPathEqualTo(tokensPath())));
  }

  @Test
  void listStopsOnAServerThatIgnoresTheOffset() {
    server.stubFor(
        get(urlPathEqualTo(tokensPath())).willReturn(okJson(fixture("tokens-page-1.json"))));

    List<Token> tokens = client.tokens(REGISTRY_ID).list().toList();

    assertThat(tokens).extracting(Token::name).containsExactly("kubernetes-pull", "ci-push");
    server.verify(2, getRequestedFor(urlPathEqualTo(tokensPath())));
  }

  @Test
  void findByNameSearchesTheList() {
    server.stubFor(
        get(urlPathEqualTo(tokensPath()))
            .willReturn(
                okJson(fixture("tokens-page-2.json").replace("\"total\": 3", "\"total\": 1"))));

    assertThat(client.tokens(REGISTRY_ID).findByName("admin"))
        .map(Token::id)
        .contains("7d2e9a3c-4b5f-4e7d-8c1a-3f4e5d6c7b8a");
    assertThat(client.tokens(REGISTRY_ID).findByName("nobody")).isEmpty();
  }

  @Test
  void updatePatchesStatusExpiryAndScopesAndReturnsTheStoredToken() {
    server.stubFor(
        patch(urlEqualTo(tokensPath() + "/" + TOKEN_ID))
            .willReturn(
                okJson(
                    fixture("token.json")
                        .replace("\"status\": \"enabled\"", "\"status\": \"disabled\"")
                        .replace("2027-03-03T11:00:00+0100", "2027-06-30T00:00:00Z")
                        .replace("\"name\": \"*\"", "\"name\": \"shop/*\""))));

    Token updated =
        client
            .tokens(REGISTRY_ID)
            .update(
                TOKEN_ID,
                TokenUpdate.empty()
                    .status(TokenStatus.DISABLED)
                    .expiresAt(Instant.parse("2027-06-30T00:00:00Z"))
                    .scopes(List.of(Scope.repository("shop/*", Scope.PULL))));

    server.verify(
        patchRequestedFor(urlEqualTo(tokensPath() + "/" + TOKEN_ID))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {"status": "disabled", "expiryDate": "2027-06-30T00:00:00Z",
                     "scopes": [{"name": "shop/*", "type": "repository", "actions": ["pull"]}]}\
                    """)));
    assertThat(updated.id()).isEqualTo(TOKEN_ID);
    assertThat(updated.status()).isEqualTo(TokenStatus.DISABLED);
    assertThat(updated.expiresAt()).contains(Instant.parse("2027-06-30T00:00:00Z"));
    assertThat(updated.scopes()).containsExactly(Scope.repository("shop/*", Scope.PULL));
  }

  @Test
  void updateRefusesAnExpiryLessThanAnHourAheadBeforeSending() {
    Tokens tokens = client.tokens(REGISTRY_ID);
    Instant tooSoon = ApiStubs.NOW.plus(Duration.ofMinutes(59)).plusSeconds(59);

    assertThatThrownBy(() -> tokens.update(TOKEN_ID, TokenUpdate.empty().expiresAt(tooSoon)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiresAt")
        .hasMessageContaining("one hour")
        .hasMessageContaining(tooSoon.toString());
    assertThatThrownBy(
            () ->
                tokens.update(
                    TOKEN_ID,
                    TokenUpdate.empty()
                        .status(TokenStatus.ENABLED)
                        .expiresAt(ApiStubs.NOW.minus(Duration.ofDays(1)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiresAt");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void replaceReturnsACredentialOnlyWhenItCreated() {
    server.stubFor(
        put(urlEqualTo(tokensPath() + "/" + TOKEN_ID))
            .willReturn(aResponse().withStatus(201).withBody(fixture("token-created.json"))));
    Tokens tokens = client.tokens(runningRegistry());

    ReplacedToken created =
        tokens.replace(TOKEN_ID, TokenSpec.pullOnly("kubernetes-pull").expiresAt(EXPIRY));
    server.stubFor(
        put(urlEqualTo(tokensPath() + "/" + TOKEN_ID))
            .willReturn(aResponse().withStatus(201).withBody(fixture("token.json"))));
    ReplacedToken replaced =
        tokens.replace(
            TOKEN_ID, TokenSpec.pullOnly("kubernetes-pull").status(TokenStatus.DISABLED));

    server.verify(
        putRequestedFor(urlEqualTo(tokensPath() + "/" + TOKEN_ID))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {"properties": {"name": "kubernetes-pull", "expiryDate": "2027-03-03T10:00:00Z",
                      "status": "enabled",
                      "scopes": [{"name": "*", "type": "repository", "actions": ["pull"]}]}}\
                    """)));
    server.verify(
        putRequestedFor(urlEqualTo(tokensPath() + "/" + TOKEN_ID))
            .withRequestBody(
                equalToJson(
                    """
                    {"properties": {"name": "kubernetes-pull", "status": "disabled",
                      "scopes": [{"name": "*", "type": "repository", "actions": ["pull"]}]}}\
                    """)));
    server.verify(2, putRequestedFor(urlEqualTo(tokensPath() + "/" + TOKEN_ID)));
    assertThat(created.credential())
        .contains(RegistryCredential.of(HOSTNAME, "kubernetes-pull", PASSWORD));
    assertThat(created.token().id()).isEqualTo(TOKEN_ID);
    assertThat(replaced.credential()).isEmpty();
    assertThat(replaced.token().expiresAt()).contains(EXPIRY);
    assertThat(created.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void deleteSendsDelete() {
    server.stubFor(delete(tokensPath() + "/" + TOKEN_ID).willReturn(aResponse().withStatus(204)));

    client.tokens(REGISTRY_ID).delete(TOKEN_ID);

    server.verify(deleteRequestedFor(urlEqualTo(tokensPath() + "/" + TOKEN_ID)));
  }

  private void stubRunningRegistry() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-running.json"))));
  }

  private void stubCreated() {
    server.stubFor(
        post(tokensPath())
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Location", tokensPath() + "/" + TOKEN_ID)
                    .withBody(fixture("token-created.json"))));
  }

  private Registry runningRegistry() {
    stubRunningRegistry();
    Registry registry = client.registries().get(REGISTRY_ID);
    server.resetRequests();
    return registry;
  }
}
