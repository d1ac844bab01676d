package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.pullsecrets.auth.RetryEvent;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.k8s.internal.kube.Credentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which patches are repeated after a 503: only those that leave the object as it is when applied
 * twice. A JSON patch that appends to a list would add the entry again, so it is sent once unless a
 * leading {@code test} makes a replay fail.
 */
class PatchRetryTest {

  private static final String ACCOUNT = "/api/v1/namespaces/shop/serviceaccounts/default";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final List<RetryEvent> retries = new ArrayList<>();

  private Resources accounts() {
    return KubeClient.builder(
            KubeTestClients.config(server, Credentials.token(KubeTestClients.TOKEN)))
        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(1)))
        .retryListener(retries::add)
        .sleeper(duration -> {})
        .build()
        .resources(ResourceKind.SERVICE_ACCOUNT);
  }

  /** Answers the first PATCH with 503 and the next with the recorded 200 of transcript 33. */
  private static void unavailableOnce() {
    Transcript.Exchange recorded =
        Transcript.load("33-serviceaccount-json-patch-test-rv-200.txt").exchange(1);
    server.stubFor(
        patch(urlPathEqualTo(ACCOUNT))
            .inScenario("503")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("up")
            .willReturn(aResponse().withStatus(503)));
    server.stubFor(
        patch(urlPathEqualTo(ACCOUNT))
            .inScenario("503")
            .whenScenarioStateIs("up")
            .willReturn(Transcript.response(recorded)));
  }

  @Test
  void aJsonPatchGuardedByATestIsRepeated() {
    unavailableOnce();
    String guarded =
        Transcript.load("33-serviceaccount-json-patch-test-rv-200.txt").exchange(1).requestBody();

    KubeObject account =
        accounts().patch("shop", "default", PatchType.JSON, guarded, WriteOptions.defaults());

    assertThat(account.view().path("imagePullSecrets").findValuesAsText("name"))
        .containsExactly("regcred-mirror", "regcred");
    assertThat(retries).hasSize(1);
    server.verify(2, patchRequestedFor(urlPathEqualTo(ACCOUNT)));
  }

  @Test
  void anUnguardedJsonPatchIsSentOnce() {
    unavailableOnce();
    String append =
        "[{\"op\": \"add\", \"path\": \"/imagePullSecrets/-\", \"value\": "
            + "{\"name\": \"regcred\"}}]";

    KubeApiException failure =
        catchThrowableOfType(
            KubeApiException.class,
            () ->
                accounts()
                    .patch("shop", "default", PatchType.JSON, append, WriteOptions.defaults()));

    assertThat(failure.code()).isEqualTo(503);
    assertThat(retries).isEmpty();
    server.verify(1, patchRequestedFor(urlPathEqualTo(ACCOUNT)));
  }

  @Test
  void aJsonPatchWhoseTestComesLaterIsSentOnce() {
    unavailableOnce();
    String testLast =
        "[{\"op\": \"add\", \"path\": \"/imagePullSecrets/-\", \"value\": {\"name\": \"regcred\"}},"
            + " {\"op\": \"test\", \"path\": \"/metadata/name\", \"value\": \"default\"}]";

    catchThrowableOfType(
        KubeApiException.class,
        () ->
            accounts().patch("shop", "default", PatchType.JSON, testLast, WriteOptions.defaults()));

    server.verify(1, patchRequestedFor(urlPathEqualTo(ACCOUNT)));
  }

  @ParameterizedTest
  @EnumSource(
      value = PatchType.class,
      names = {"MERGE", "STRATEGIC_MERGE"})
  void mergePatchesAreRepeated(PatchType type) {
    unavailableOnce();
    String merge = "{\"metadata\": {\"labels\": {\"team\": \"shop\"}}}";

    accounts().patch("shop", "default", type, merge, WriteOptions.defaults());

    assertThat(retries).hasSize(1);
    server.verify(2, patchRequestedFor(urlPathEqualTo(ACCOUNT)));
  }

  @Test
  void aServerSideApplyIsRepeated() {
    unavailableOnce();
    String applied =
        "{\"apiVersion\": \"v1\", \"kind\": \"ServiceAccount\", "
            + "\"metadata\": {\"name\": \"default\", \"namespace\": \"shop\"}}";

    accounts().apply("shop", "default", applied, WriteOptions.defaults());

    assertThat(retries).hasSize(1);
    server.verify(2, patchRequestedFor(urlPathEqualTo(ACCOUNT)));
  }
}
