package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.k8s.internal.kube.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Waiting for rollouts, on recorded Deployment, StatefulSet and DaemonSet states. */
class RolloutWaitTest {

  private static final String API = "/apis/apps/v1/namespaces/shop/deployments/api";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ManualClock clock = new ManualClock();
  private final List<Duration> sleeps = new ArrayList<>();
  private final KubeClient kube =
      KubeClient.builder(KubeTestClients.config(server, Credentials.token("t")))
          .retryPolicy(RetryPolicy.disabled())
          .clock(clock)
          .sleeper(
              duration -> {
                sleeps.add(duration);
                clock.advance(duration);
              })
          .build();

  @Test
  void completesOnceEveryReplicaIsUpdatedAndAvailable() {
    Transcript created = Transcript.load("21-deployment-create-and-status.txt");
    ObjectNode done = (ObjectNode) created.exchange(3).responseJson();
    ((ObjectNode) done.path("status")).put("availableReplicas", 2).put("readyReplicas", 2);
    stubInOrder(
        created.exchange(2).responseBody(), created.exchange(3).responseBody(), done.toString());

    RolloutResult result =
        kube.workloads("shop").deployment("api").waitForRollout(Duration.ofMinutes(1));

    assertThat(result.state()).isEqualTo(RolloutState.COMPLETE);
    assertThat(result.message()).isEqualTo("2 of 2 replicas updated and available");
    assertThat(result.waited()).isEqualTo(Duration.ofSeconds(4));
    server.verify(3, getRequestedFor(urlPathEqualTo(API)));
  }

  @Test
  void timesOutWhileReplicasAreUnavailable() {
    String pending =
        Transcript.load("21-deployment-create-and-status.txt").exchange(3).responseBody();
    server.stubFor(get(urlPathEqualTo(API)).willReturn(json(pending)));

    RolloutResult result =
        kube.workloads("shop").deployment("api").waitForRollout(Duration.ofSeconds(10));

    assertThat(result.state()).isEqualTo(RolloutState.TIMED_OUT);
    assertThat(result.message()).isEqualTo("0 of 2 updated replicas available");
    assertThat(sleeps).hasSize(4).containsOnly(Duration.ofSeconds(2));
  }

  @Test
  void stopsAtOnceWhenTheProgressDeadlineIsExceeded() {
    Transcript.Exchange exceeded =
        Transcript.load("31-deployment-progress-deadline-exceeded.txt").exchange(2);
    Transcript.stub(server, exceeded);

    RolloutResult result =
        kube.workloads("shop").deployment("worker").waitForRollout(Duration.ofMinutes(5));

    assertThat(result.state()).isEqualTo(RolloutState.FAILED);
    assertThat(result.message()).contains("has timed out progressing");
    assertThat(sleeps).isEmpty();
    server.verify(1, Transcript.recorded(exceeded));
  }

  @Test
  void statefulSetWaitsForReadyPods() {
    Transcript.Exchange created = Transcript.load("38-statefulset-smp.txt").exchange(2);
    Transcript.stub(server, withoutBody(created));

    RolloutResult result =
        kube.workloads("staging").statefulSet("db").waitForRollout(Duration.ofSeconds(3));

    assertThat(result.state()).isEqualTo(RolloutState.TIMED_OUT);
    assertThat(result.kind()).isEqualTo(ResourceKind.STATEFUL_SET);
  }

  @Test
  void daemonSetWithNoNodesIsCompleteOnceObserved() {
    ObjectNode daemonSet =
        (ObjectNode) Transcript.load("39-daemonset-smp.txt").exchange(2).responseJson();
    ((ObjectNode) daemonSet.path("status"))
        .put("observedGeneration", daemonSet.at("/metadata/generation").asLong());
    server.stubFor(
        get(urlPathEqualTo("/apis/apps/v1/namespaces/staging/daemonsets/agent"))
            .willReturn(json(daemonSet.toString())));

    RolloutResult result =
        kube.workloads("staging").daemonSet("agent").waitForRollout(Duration.ofSeconds(3));

    assertThat(result.state()).isEqualTo(RolloutState.COMPLETE);
    assertThat(result.message()).isEqualTo("0 daemon pods updated and available");
  }

  @Test
  void kindsWithoutARolloutAreRefused() {
    Workload cronJob = kube.workloads("shop").cronJob("report");

    assertThatThrownBy(() -> cronJob.waitForRollout(Duration.ofSeconds(1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static Transcript.Exchange withoutBody(Transcript.Exchange patch) {
    return new Transcript.Exchange(
        patch.label(),
        "GET",
        patch.path(),
        patch.query(),
        java.util.Map.of(),
        "",
        200,
        patch.responseHeaders(),
        patch.responseBody());
  }

  private static void stubInOrder(String... bodies) {
    for (int i = 0; i < bodies.length; i++) {
      server.stubFor(
          get(urlPathEqualTo(API))
              .inScenario("rollout")
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i)
              .willSetStateTo("poll-" + (i + 1))
              .willReturn(json(bodies[i])));
    }
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  /** A clock that moves only when told. */
  static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T18:10:37Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
