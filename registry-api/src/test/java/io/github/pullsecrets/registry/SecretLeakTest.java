package io.github.pullsecrets.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.pullsecrets.registry.ApiStubs.API_TOKEN;
import static io.github.pullsecrets.registry.ApiStubs.PASSWORD;
import static io.github.pullsecrets.registry.ApiStubs.REGISTRY_ID;
import static io.github.pullsecrets.registry.ApiStubs.fixture;
import static io.github.pullsecrets.registry.ApiStubs.registryPath;
import static io.github.pullsecrets.registry.ApiStubs.tokensPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token password and the API token never reach toString, exceptions or log records. */
class SecretLeakTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime(ApiStubs.NOW);
  private final ContainerRegistryClient client = ApiStubs.client(server, time).build();
  private LogCapture logs;

  @BeforeEach
  void captureLogs() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-running.json"))));
    logs = new LogCapture();
  }

  @AfterEach
  void stopCapturing() {
    logs.close();
  }

  @Test
  void aSuccessfulCreateShowsThePasswordOnlyThroughTheCredential() {
    server.stubFor(
        post(tokensPath())
            .willReturn(aResponse().withStatus(201).withBody(fixture("token-created.json"))));

    IssuedToken issued = client.tokens(REGISTRY_ID).create(TokenSpec.pullOnly("kubernetes-pull"));

    assertThat(issued.credential().password()).isEqualTo(PASSWORD);
    assertThat(issued.toString()).doesNotContain(PASSWORD).contains("<redacted>");
    assertThat(issued.credential().toString()).doesNotContain(PASSWORD);
    assertThat(issued.token().toString()).doesNotContain(PASSWORD);
    assertThat(client.toString()).doesNotContain(API_TOKEN).contains("Bearer");
    assertNoSecretLogged();
    assertThat(logs.records())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.getLevel().intValue()).isLessThan(Level.INFO.intValue()));
  }

  @Test
  void aCreateResponseCutOffAfterThePasswordLeaksNothing() {
    String body = fixture("token-created.json");
    stubCreateBody(body.substring(0, body.indexOf(PASSWORD) + PASSWORD.length() + 2));

    assertNoSecretIn(createFailure());
  }

  @Test
  void anUnquotedPasswordInAnInvalidBodyLeaksNothing() {
    stubCreateBody(fixture("token-created.json").replace('"' + PASSWORD + '"', PASSWORD));

    Throwable failure = createFailure();

    assertThat(failure).isInstanceOf(MalformedResponseException.class);
    assertNoSecretIn(failure);
  }

  @Test
  void aCreateResponseMissingTheIdButCarryingThePasswordLeaksNothing() {
    stubCreateBody(fixture("token-created.json").replaceFirst("\"id\": \"[^\"]+\",", ""));

    Throwable failure = createFailure();

    assertThat(failure)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("missing string field 'id'");
    assertNoSecretIn(failure);
  }

  @Test
  void aConnectionDroppedMidResponseAndAFailedRecoveryLeakNothing() {
    server.stubFor(
        post(tokensPath()).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
    server.stubFor(get(urlPathEqualTo(tokensPath())).willReturn(aResponse().withStatus(500)));

    assertNoSecretIn(createFailure());
  }

  @Test
  void anAuthenticationFailureNeverShowsTheApiToken() {
    server.stubFor(
        get(registryPath())
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(ApiStubs.errorBody(401, "401", "Unauthorized"))));

    Throwable failure = catchThrowable(() -> client.registries().get(REGISTRY_ID));

    assertThat(failure).isInstanceOf(AuthenticationException.class);
    assertNoSecretIn(failure);
  }

  private Throwable createFailure() {
    Throwable failure =
        catchThrowable(
            () -> client.tokens(REGISTRY_ID).create(TokenSpec.pullOnly("kubernetes-pull")));
    assertThat(failure).isInstanceOf(ContainerRegistryException.class);
    return failure;
  }

  private void stubCreateBody(String body) {
    server.stubFor(
        post(tokensPath())
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  private void assertNoSecretIn(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(PASSWORD).doesNotContain(API_TOKEN);
    assertNoSecretLogged();
  }

  private void assertNoSecretLogged() {
    assertThat(logs.text()).doesNotContain(PASSWORD).doesNotContain(API_TOKEN);
    assertThat(logs.records()).allSatisfy(record -> assertThat(record.getThrown()).isNull());
  }
}
