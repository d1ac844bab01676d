package io.github.pullsecrets.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.pullsecrets.registry.ApiStubs.REGISTRY_ID;
import static io.github.pullsecrets.registry.ApiStubs.errorBody;
import static io.github.pullsecrets.registry.ApiStubs.fixture;
import static io.github.pullsecrets.registry.ApiStubs.registryPath;
import static io.github.pullsecrets.registry.ApiStubs.tokensPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.RetryEvent;
import io.github.pullsecrets.auth.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String API_PATH = "/registries/" + REGISTRY_ID;

  private final FakeTime time = new FakeTime(ApiStubs.NOW);
  private final List<RetryEvent> retries = new ArrayList<>();
  private final ContainerRegistryClient client =
      ApiStubs.client(server, time).retryListener(retries::add).build();

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, InvalidRequestException.class),
        Arguments.of(401, AuthenticationException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, ResourceNotFoundException.class),
        Arguments.of(409, ResourceConflictException.class),
        Arguments.of(422, InvalidRequestException.class),
        Arguments.of(429, RateLimitedException.class),
        Arguments.of(500, ServerErrorException.class),
        Arguments.of(503, ServerErrorException.class));
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void eachErrorStatusMapsToItsExceptionWithTheApiFields(
      int status, Class<? extends ContainerRegistryException> type) {
    server.stubFor(
        get(registryPath())
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Request-Id", "req-" + status)
                    .withBody(errorBody(status, "439", "explanation " + status))));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isExactlyInstanceOf(type)
        .isInstanceOfSatisfying(
            ContainerRegistryException.class,
            e -> {
              assertThat(e.method()).isEqualTo("GET");
              assertThat(e.path()).isEqualTo(API_PATH);
              assertThat(e.status()).hasValue(status);
              assertThat(e.errorCodes()).containsExactly("439");
              assertThat(e.messages())
                  .containsExactly(new ApiMessage("439", "explanation " + status));
              assertThat(e.requestId()).contains("req-" + status);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "GET "
                          + API_PATH
                          + ": HTTP "
                          + status
                          + ", "
                          + reason(status)
                          + "; [439] explanation "
                          + status
                          + " (request id req-"
                          + status
                          + ")");
            });
  }

  @Test
  void retryableStatusesAreRetriedBeforeTheExceptionIsThrown() {
    server.stubFor(
        get(registryPath())
            .willReturn(
                aResponse().withStatus(503).withBody(errorBody(503, "503", "maintenance"))));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isInstanceOf(ServerErrorException.class);

    server.verify(3, getRequestedFor(urlEqualTo(registryPath())));
    assertThat(retries).extracting(RetryEvent::reason).containsOnly("status 503").hasSize(2);
  }

  @Test
  void defaultJitterKeepsEveryBackoffWithinItsDocumentedBounds() {
    server.stubFor(get(registryPath()).willReturn(aResponse().withStatus(503)));
    RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(8);
    ContainerRegistryClient patient =
        ApiStubs.client(server, time).retryPolicy(policy).retryListener(retries::add).build();

    for (int call = 0; call < 20; call++) {
      assertThatThrownBy(() -> patient.registries().get(REGISTRY_ID))
          .isInstanceOf(ServerErrorException.class);
    }

    assertThat(policy.jitter()).isEqualTo(0.5);
    assertThat(retries).hasSize(20 * 7);
    assertThat(retries)
        .allSatisfy(
            event ->
                assertThat(event.delay().toMillis())
                    .as("wait after attempt %d", event.failedAttempt())
                    .isBetween(
                        bound(policy, event.failedAttempt(), -1),
                        bound(policy, event.failedAttempt(), 1)));
    Set<Duration> firstWaits =
        retries.stream()
            .filter(event -> event.failedAttempt() == 1)
            .map(RetryEvent::delay)
            .collect(Collectors.toSet());
    assertThat(firstWaits).as("jitter spreads the first waits").hasSizeGreaterThan(1);
    assertThat(time.sleeps()).isEqualTo(retries.stream().map(RetryEvent::delay).toList());
  }

  /**
   * Returns a bound of the wait after a failed attempt as the policy documents it: the exponential
   * wait spread by the jitter in one direction ({@code -1} or {@code 1}), then capped.
   */
  private static long bound(RetryPolicy policy, int failedAttempt, int direction) {
    double exponential =
        policy.initialBackoff().toMillis() * Math.pow(policy.multiplier(), failedAttempt - 1);
    double spread = exponential * (1 + direction * policy.jitter());
    return Math.min(policy.maxBackoff().toMillis(), (long) spread);
  }

  @Test
  void aDisabledRetryPolicySendsOnce() {
    server.stubFor(get(registryPath()).willReturn(aResponse().withStatus(503)));
    ContainerRegistryClient once =
        ApiStubs.client(server, time).retryPolicy(RetryPolicy.disabled()).build();

    assertThatThrownBy(() -> once.registries().get(REGISTRY_ID))
        .isInstanceOf(ServerErrorException.class);

    server.verify(1, getRequestedFor(urlEqualTo(registryPath())));
  }

  @Test
  void aConflictOnTokenCreationIsNotRetried() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-running.json"))));
    server.stubFor(
        post(tokensPath())
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withBody(errorBody(409, "409", "a token named kubernetes-pull exists"))));

    assertThatThrownBy(
            () -> client.tokens(REGISTRY_ID).create(TokenSpec.pullOnly("kubernetes-pull")))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            e ->
                assertThat(e.messages())
                    .extracting(ApiMessage::message)
                    .containsExactly("a token named kubernetes-pull exists"));
    assertThat(retries).isEmpty();
  }

  @Test
  void anErrorBodyThatIsNotAnApiDocumentStillGivesTheTypedException() {
    server.stubFor(
        get(registryPath())
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html>upstream error</html>")));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isInstanceOfSatisfying(
            ServerErrorException.class,
            e -> {
              assertThat(e.messages()).isEmpty();
              assertThat(e.getMessage())
                  .endsWith("(body is not an API error document)")
                  .doesNotContain("upstream");
            });
  }

  @Test
  void anEmptyErrorBodyGivesTheTypedException() {
    server.stubFor(get(registryPath()).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("(empty body)");
  }

  @Test
  void anUndocumentedStatusGivesTheRootException() {
    server.stubFor(get(registryPath()).willReturn(aResponse().withStatus(418)));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isExactlyInstanceOf(ContainerRegistryException.class)
        .satisfies(e -> assertThat(((ContainerRegistryException) e).status()).hasValue(418));
  }

  @Test
  void aSuccessBodyThatIsNotJsonIsMalformed() {
    server.stubFor(get(registryPath()).willReturn(okJson("{\"id\": \"0f8a\", \"properties\": ")));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isInstanceOfSatisfying(
            MalformedResponseException.class,
            e -> {
              assertThat(e.status()).hasValue(200);
              assertThat(e.getMessage()).contains("body is not valid JSON (line 1");
              assertThat(e.getCause()).isNull();
            });
  }

  @Test
  void anEmptySuccessBodyIsMalformed() {
    server.stubFor(get(registryPath()).willReturn(aResponse().withStatus(200)));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("body is empty");
  }

  @Test
  void aMissingRequiredFieldIsNamedByItsPath() {
    server.stubFor(
        get(registryPath())
            .willReturn(
                okJson(fixture("registry-running.json").replace("\"location\": \"de/fra\",", ""))));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("missing string field 'properties.location'");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamedByItsPath() {
    server.stubFor(
        get(registryPath())
            .willReturn(
                okJson(
                    fixture("registry-running.json")
                        .replace("\"bytes\": 5368709120", "\"bytes\": \"lots\""))));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("'properties.storageUsage.bytes' is not a JSON integer");
  }

  @Test
  void aBodyThatIsAnArrayIsMalformed() {
    server.stubFor(get(registryPath()).willReturn(okJson("[]")));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void aConnectionThatKeepsFailingGivesAConnectionException() {
    server.stubFor(
        get(registryPath()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client.registries().get(REGISTRY_ID))
        .isInstanceOfSatisfying(
            RegistryConnectionException.class,
            e -> {
              assertThat(e.status()).isEmpty();
              assertThat(e.getMessage()).startsWith("GET " + API_PATH + ": no response");
            });
    server.verify(3, getRequestedFor(urlEqualTo(registryPath())));
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      default -> "Service Unavailable";
    };
  }
}
