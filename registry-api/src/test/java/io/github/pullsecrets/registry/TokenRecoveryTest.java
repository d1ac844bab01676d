package io.github.pullsecrets.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.pullsecrets.registry.ApiStubs.PASSWORD;
import static io.github.pullsecrets.registry.ApiStubs.REGISTRY_ID;
import static io.github.pullsecrets.registry.ApiStubs.TOKEN_ID;
import static io.github.pullsecrets.registry.ApiStubs.fixture;
import static io.github.pullsecrets.registry.ApiStubs.registryPath;
import static io.github.pullsecrets.registry.ApiStubs.tokensPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenRecoveryTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String EMPTY_TOKENS =
      """
      {"id": "tokens", "type": "collection", "_links": {"next": "", "previous": "", "self": ""},
       "offset": 0, "limit": 100, "count": 0, "total": 0, "items": []}\
      """;

  private final FakeTime time = new FakeTime(ApiStubs.NOW);
  private final ContainerRegistryClient client =
      ApiStubs.client(server, time).requestTimeout(Duration.ofMillis(500)).build();

  @BeforeEach
  void stubRegistry() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-running.json"))));
  }

  @Test
  void aResetAfterTheTokenWasMadeDeletesItAndCreatesItAgain() {
    stubPostFailingOnceWith(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    server.stubFor(
        get(urlPathEqualTo(tokensPath()))
            .willReturn(
                okJson(fixture("tokens-page-1.json").replace("\"total\": 3", "\"total\": 2"))));
    server.stubFor(delete(tokensPath() + "/" + TOKEN_ID).willReturn(aResponse().withStatus(204)));

    IssuedToken issued;
    try (LogCapture logs = new LogCapture()) {
      issued = client.tokens(REGISTRY_ID).create(TokenSpec.pullOnly("kubernetes-pull"));

      assertThat(logs.records())
          .filteredOn(r -> r.getLevel() == Level.WARNING)
          .extracting(r -> r.getMessage())
          .anySatisfy(m -> assertThat(m).contains("password was lost", TOKEN_ID));
    }

    assertThat(issued.recovery()).isEqualTo(IssuedToken.Recovery.RECREATED_AFTER_LOST_RESPONSE);
    assertThat(issued.credential().password()).isEqualTo(PASSWORD);
    server.verify(2, postRequestedFor(urlEqualTo(tokensPath())));
    server.verify(1, deleteRequestedFor(urlEqualTo(tokensPath() + "/" + TOKEN_ID)));
  }

  @Test
  void aLostResponseWithNoTokenMadeSendsTheRequestOnceMore() {
    stubPostFailingOnceWith(aResponse().withFault(Fault.EMPTY_RESPONSE));
    server.stubFor(get(urlPathEqualTo(tokensPath())).willReturn(okJson(EMPTY_TOKENS)));

    IssuedToken issued = client.tokens(REGISTRY_ID).create(TokenSpec.pullOnly("kubernetes-pull"));

    assertThat(issued.recovery()).isEqualTo(IssuedToken.Recovery.RESENT_AFTER_LOST_RESPONSE);
    server.verify(2, postRequestedFor(urlEqualTo(tokensPath())));
    server.verify(0, deleteRequestedFor(urlPathEqualTo(tokensPath() + "/" + TOKEN_ID)));
  }

  @Test
  void aTimeoutAfterSendingIsTreatedAsALostResponse() {
    stubPostFailingOnceWith(
        aResponse().withStatus(201).withFixedDelay(2_000).withBody(fixture("token-created.json")));
    server.stubFor(
        get(urlPathEqualTo(tokensPath()))
            .willReturn(
                okJson(fixture("tokens-page-1.json").replace("\"total\": 3", "\"total\": 2"))));
    server.stubFor(delete(tokensPath() + "/" + TOKEN_ID).willReturn(aResponse().withStatus(204)));

    IssuedToken issued = client.tokens(REGISTRY_ID).create(TokenSpec.pullOnly("kubernetes-pull"));

    assertThat(issued.recovery()).isEqualTo(IssuedToken.Recovery.RECREATED_AFTER_LOST_RESPONSE);
    server.verify(2, postRequestedFor(urlEqualTo(tokensPath())));
  }

  @Test
  void aTokenThatExistedBeforeTheRequestIsNeverDeleted() {
    stubPostFailingOnceWith(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    server.stubFor(
        get(urlPathEqualTo(tokensPath()))
            .willReturn(
                okJson(fixture("tokens-page-1.json").replace("\"total\": 3", "\"total\": 2"))));

    assertThatThrownBy(() -> client.tokens(REGISTRY_ID).create(TokenSpec.pullOnly("ci-push")))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            e -> {
              assertThat(e.getMessage()).contains("existed before this request");
              assertThat(e.getSuppressed())
                  .singleElement()
                  .isInstanceOf(RegistryConnectionException.class);
            });
    server.verify(1, postRequestedFor(urlEqualTo(tokensPath())));
    server.verify(
        0,
        deleteRequestedFor(
            urlPathEqualTo(tokensPath() + "/" + "6c1d8f2b-3a4e-4d6c-9b0f-2e3d4c5b6a7f")));
  }

  @Test
  void aGatewayTimeoutOnCreateIsTreatedAsALostResponse() {
    stubPostFailingOnceWith(aResponse().withStatus(504));
    server.stubFor(get(urlPathEqualTo(tokensPath())).willReturn(okJson(EMPTY_TOKENS)));

    IssuedToken issued = client.tokens(REGISTRY_ID).create(TokenSpec.pullOnly("kubernetes-pull"));

    assertThat(issued.recovery()).isEqualTo(IssuedToken.Recovery.RESENT_AFTER_LOST_RESPONSE);
    server.verify(2, postRequestedFor(urlEqualTo(tokensPath())));
  }

  @Test
  void aSecondLostResponseFailsCarryingTheFirstAsSuppressed() {
    server.stubFor(
        post(tokensPath()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    server.stubFor(get(urlPathEqualTo(tokensPath())).willReturn(okJson(EMPTY_TOKENS)));

    assertThatThrownBy(() -> client.tokens(REGISTRY_ID).create(TokenSpec.pullOnly("k8s")))
        .isInstanceOfSatisfying(
            RegistryConnectionException.class,
            e -> {
              assertThat(e.method()).isEqualTo("POST");
              assertThat(e.getSuppressed())
                  .singleElement()
                  .isInstanceOf(RegistryConnectionException.class);
            });
    server.verify(2, postRequestedFor(urlEqualTo(tokensPath())));
  }

  private void stubPostFailingOnceWith(ResponseDefinitionBuilder failure) {
    server.stubFor(
        post(tokensPath())
            .inScenario("lost")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(failure)
            .willSetStateTo("answered"));
    server.stubFor(
        post(tokensPath())
            .inScenario("lost")
            .whenScenarioStateIs("answered")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("token-created.json"))));
  }
}
