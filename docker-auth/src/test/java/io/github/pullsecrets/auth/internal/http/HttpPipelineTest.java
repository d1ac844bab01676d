package io.github.pullsecrets.auth.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.pullsecrets.auth.RetryEvent;
import io.github.pullsecrets.auth.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpPipelineTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final RetryPolicy FAST =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.0);

  private final List<RetryEvent> events = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();

  @Test
  void retriesEachRetryableStatusAndReportsOneEventPerRetry() {
    failThenSucceed("/things", 503, 502, 504);

    HttpResult result = pipeline(FAST).send(request("GET", "/things"));

    assertThat(result.status()).isEqualTo(200);
    assertThat(events).extracting(RetryEvent::failedAttempt).containsExactly(1, 2, 3);
    assertThat(events)
        .extracting(RetryEvent::reason)
        .containsExactly("status 503", "status 502", "status 504");
    assertThat(events).allSatisfy(event -> assertThat(event.path()).isEqualTo("/things"));
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    server.verify(4, getRequestedFor(urlEqualTo("/things")));
  }

  @Test
  void honoursRetryAfterInSeconds() {
    server.stubFor(
        get("/limited")
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3"))
            .willSetStateTo("ok"));
    server.stubFor(
        get("/limited")
            .inScenario("s")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200)));

    pipeline(FAST).send(request("GET", "/limited"));

    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void honoursRetryAfterAsHttpDateMeasuredWithTheGivenClock() {
    server.stubFor(
        get("/limited")
            .inScenario("d")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Retry-After", "Thu, 03 Dec 2026 10:00:02 GMT"))
            .willSetStateTo("ok"));
    server.stubFor(
        get("/limited")
            .inScenario("d")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(204)));

    HttpResult result = pipeline(FAST).send(request("GET", "/limited"));

    assertThat(result.status()).isEqualTo(204);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void capsRetryAfterAtTheMaximumBackoff() {
    failThenSucceedWithHeader("/slow", "Retry-After", "3600");

    pipeline(FAST).send(request("GET", "/slow"));

    assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void returnsTheLastResponseWhenAttemptsRunOut() {
    server.stubFor(any(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));

    HttpResult result = pipeline(FAST).send(request("PUT", "/down"));

    assertThat(result.status()).isEqualTo(503);
    assertThat(events).hasSize(3);
    server.verify(4, putRequestedFor(urlEqualTo("/down")));
  }

  @Test
  void neverRepeatsPost() {
    server.stubFor(post("/create").willReturn(aResponse().withStatus(503)));

    HttpResult result = pipeline(FAST).send(request("POST", "/create"));

    assertThat(result.status()).isEqualTo(503);
    assertThat(events).isEmpty();
    server.verify(1, postRequestedFor(urlEqualTo("/create")));
  }

  @Test
  void doesNotRetryOtherErrors() {
    server.stubFor(get("/missing").willReturn(aResponse().withStatus(500)));

    HttpResult result = pipeline(FAST).send(request("GET", "/missing"));

    assertThat(result.status()).isEqualTo(500);
    server.verify(1, getRequestedFor(urlEqualTo("/missing")));
  }

  @Test
  void retriesConnectionResets() {
    server.stubFor(
        get("/flaky")
            .inScenario("r")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("ok"));
    server.stubFor(
        get("/flaky")
            .inScenario("r")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody("{}")));

    HttpResult result = pipeline(FAST).send(request("GET", "/flaky"));

    assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    assertThat(events)
        .singleElement()
        .satisfies(event -> assertThat(event.reason()).contains("IOException"));
  }

  @Test
  void throwsTransportExceptionWhenTheConnectionKeepsFailing() {
    server.stubFor(get("/dead").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    assertThatThrownBy(() -> pipeline(FAST.withMaxAttempts(2)).send(request("GET", "/dead")))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("GET /dead: ");
              assertThat(e.interrupted()).isFalse();
            });
    server.verify(2, getRequestedFor(urlEqualTo("/dead")));
  }

  @Test
  void disabledPolicySendsOnce() {
    server.stubFor(get("/once").willReturn(aResponse().withStatus(503)));

    pipeline(RetryPolicy.disabled()).send(request("GET", "/once"));

    server.verify(1, getRequestedFor(urlEqualTo("/once")));
    assertThat(events).isEmpty();
  }

  @Test
  void sendsTheFixedHeadersAndAJsonContentTypeWithABody() {
    server.stubFor(post("/echo").willReturn(aResponse().withStatus(201)));

    pipeline(FAST)
        .send(
            new OutgoingRequest(
                "POST", uri("/echo"), "/echo", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

    server.verify(
        postRequestedFor(urlEqualTo("/echo"))
            .withHeader("Authorization", equalTo("Bearer sentinel"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalTo("{\"a\":1}")));
  }

  @Test
  void toStringRedactsTheFixedCredentials() {
    String shown = pipeline(FAST).toString();

    assertThat(shown)
        .contains("Authorization=<redacted>", "maxAttempts=4")
        .doesNotContain("sentinel");
  }

  @Test
  void openRetriesLikeSendAndLeavesTheSuccessfulBodyOnTheWire() throws IOException {
    server.stubFor(
        get("/blob")
            .inScenario("blob")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    server.stubFor(
        get("/blob")
            .inScenario("blob")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(200).withBody("done")));

    try (StreamedResult result = pipeline(FAST).open(request("GET", "/blob"))) {
      assertThat(result.status()).isEqualTo(200);
      assertThat(result.body().readAllBytes()).isEqualTo("done".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(events).extracting(RetryEvent::reason).containsExactly("status 503");
    server.verify(2, getRequestedFor(urlEqualTo("/blob")));
  }

  @Test
  void openReadsAnErrorBodyCompletely() throws IOException {
    server.stubFor(get("/missing").willReturn(aResponse().withStatus(404).withBody("{\"x\":1}")));

    try (StreamedResult result = pipeline(FAST).open(request("GET", "/missing"))) {
      assertThat(result.status()).isEqualTo(404);
      assertThat(result.body().readAllBytes())
          .isEqualTo("{\"x\":1}".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void streamedBodyIsReopenedForEachAttemptOnlyWhenRepeatable() {
    server.stubFor(put("/upload").willReturn(aResponse().withStatus(503)));
    byte[] bytes = "blob bytes".getBytes(StandardCharsets.UTF_8);
    int[] opened = {0};
    RequestBody.Opener opener =
        () -> {
          opened[0]++;
          return new java.io.ByteArrayInputStream(bytes);
        };

    pipeline(FAST).send(request("PUT", "/upload"), new RequestBody("a/b", 10, opener, true));
    int repeatable = opened[0];
    opened[0] = 0;
    pipeline(FAST).send(request("PUT", "/upload"), new RequestBody("a/b", 10, opener, false));

    assertThat(repeatable).isEqualTo(4);
    assertThat(opened[0]).isEqualTo(1);
    server.verify(
        5,
        putRequestedFor(urlEqualTo("/upload"))
            .withHeader("Content-Type", equalTo("a/b"))
            .withHeader("Content-Length", equalTo("10"))
            .withRequestBody(equalTo("blob bytes")));
  }

  private void failThenSucceed(String path, int... statuses) {
    String state = Scenario.STARTED;
    for (int i = 0; i < statuses.length; i++) {
      server.stubFor(
          get(path)
              .inScenario(path)
              .whenScenarioStateIs(state)
              .willReturn(aResponse().withStatus(statuses[i]))
              .willSetStateTo("s" + i));
      state = "s" + i;
    }
    server.stubFor(
        get(path)
            .inScenario(path)
            .whenScenarioStateIs(state)
            .willReturn(aResponse().withStatus(200)));
  }

  private void failThenSucceedWithHeader(String path, String header, String value) {
    server.stubFor(
        get(path)
            .inScenario(path)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader(header, value))
            .willSetStateTo("ok"));
    server.stubFor(
        get(path)
            .inScenario(path)
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200)));
  }

  private HttpPipeline pipeline(RetryPolicy policy) {
    return HttpPipeline.builder(HttpClient.newHttpClient(), System.getLogger("test.pipeline"))
        .addHeader("Authorization", "Bearer sentinel")
        .retryPolicy(policy)
        .retryListener(events::add)
        .sleeper(sleeps::add)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private static OutgoingRequest request(String method, String path) {
    return new OutgoingRequest(method, uri(path), path, new byte[0]);
  }

  private static URI uri(String path) {
    return URI.create(server.baseUrl() + path);
  }
}
