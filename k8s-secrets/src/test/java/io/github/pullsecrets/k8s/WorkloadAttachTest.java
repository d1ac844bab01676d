package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Attaching and detaching pull secrets on live workloads and ServiceAccounts. */
class WorkloadAttachTest {

  private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/shop/deployments/api";
  private static final String ACCOUNT = "/api/v1/namespaces/shop/serviceaccounts/default";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final KubeClient kube = KubeTestClients.client(server);

  @Test
  void attachesToADeploymentWithAStrategicMergePatch() {
    stubGet(
        DEPLOYMENT,
        Transcript.load("21-deployment-create-and-status.txt").exchange(3).responseBody());
    Transcript.Exchange patch = Transcript.load("22-deployment-smp-add-first.txt").exchange(1);
    Transcript.stub(server, patch);

    PullSecretAttachment result =
        kube.workloads("shop").deployment("api").attachPullSecret("regcred");

    assertThat(result.change()).isEqualTo(AttachmentChange.ATTACHED);
    assertThat(result.kind()).isEqualTo(ResourceKind.DEPLOYMENT);
    assertThat(result.note())
        .contains("the pod template changed; the controller replaces its pods");
    server.verify(1, Transcript.recorded(patch));
  }

  @Test
  void secondPullSecretMergesByName() {
    stubGet(
        DEPLOYMENT, Transcript.load("22-deployment-smp-add-first.txt").exchange(1).responseBody());
    Transcript.Exchange patch = Transcript.load("24-deployment-smp-add-second.txt").exchange(1);
    Transcript.stub(server, patch);

    PullSecretAttachment result =
        kube.workloads("shop").deployment("api").attachPullSecret("regcred-mirror");

    assertThat(result.changed()).isTrue();
    server.verify(1, Transcript.recorded(patch));
    assertThat(
            patch
                .responseJson()
                .at("/spec/template/spec/imagePullSecrets")
                .findValuesAsText("name"))
        .containsExactly("regcred-mirror", "regcred");
  }

  @Test
  void attachingANameAlreadyThereWritesNothing() {
    stubGet(
        DEPLOYMENT, Transcript.load("24-deployment-smp-add-second.txt").exchange(1).responseBody());

    PullSecretAttachment result =
        kube.workloads("shop").deployment("api").attachPullSecret("regcred");

    assertThat(result.change()).isEqualTo(AttachmentChange.UNCHANGED);
    assertThat(result.note()).isEmpty();
    server.verify(0, patchRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void detachesWithTheDeleteDirectiveAndSkipsAnAbsentName() {
    Transcript delete = Transcript.load("26-deployment-smp-delete-directive.txt");
    Transcript.stubInOrder(
        server,
        "detach",
        getOf(
            DEPLOYMENT,
            Transcript.load("24-deployment-smp-add-second.txt").exchange(1).responseBody()),
        delete.exchange(1),
        getOf(DEPLOYMENT, delete.exchange(1).responseBody()));
    Workload api = kube.workloads("shop").deployment("api");

    PullSecretAttachment removed = api.detachPullSecret("regcred-mirror");
    PullSecretAttachment absent = api.detachPullSecret("regcred-mirror");

    assertThat(removed.change()).isEqualTo(AttachmentChange.DETACHED);
    assertThat(absent.change()).isEqualTo(AttachmentChange.UNCHANGED);
    server.verify(1, Transcript.recorded(delete.exchange(1)));
  }

  @Test
  void patchesTheTemplateOfStatefulSetsDaemonSetsAndCronJobs() {
    Transcript statefulSet = Transcript.load("38-statefulset-smp.txt");
    Transcript daemonSet = Transcript.load("39-daemonset-smp.txt");
    Transcript cronJob = Transcript.load("37-cronjob-smp.txt");
    for (Transcript transcript : List.of(statefulSet, daemonSet, cronJob)) {
      stubGet(transcript.exchange(2).path(), transcript.exchange(1).responseBody());
      Transcript.stub(server, transcript.exchange(2));
    }

    List<PullSecretAttachment> results =
        List.of(
            kube.workloads("staging").statefulSet("db").attachPullSecret("regcred"),
            kube.workloads("staging").daemonSet("agent").attachPullSecret("regcred"),
            kube.workloads("shop").cronJob("report").attachPullSecret("regcred"));

    assertThat(results)
        .extracting(PullSecretAttachment::change)
        .containsOnly(AttachmentChange.ATTACHED);
    for (Transcript transcript : List.of(statefulSet, daemonSet, cronJob)) {
      server.verify(1, Transcript.recorded(transcript.exchange(2)));
    }
  }

  @Test
  void passesOnTheServersPodSecurityWarnings() {
    Transcript statefulSet = Transcript.load("38-statefulset-smp.txt");
    stubGet(statefulSet.exchange(2).path(), statefulSet.exchange(1).responseBody());
    Transcript.stub(server, statefulSet.exchange(2));
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.github.pullsecrets");
    List<java.util.logging.LogRecord> records = new java.util.ArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);

    try {
      kube.workloads("staging").statefulSet("db").attachPullSecret("regcred");
    } finally {
      logger.removeHandler(capture);
    }

    assertThat(records)
        .filteredOn(r -> r.getLevel() == java.util.logging.Level.WARNING)
        .extracting(java.util.logging.LogRecord::getMessage)
        .containsExactly(
            "PATCH /apis/apps/v1/namespaces/staging/statefulsets/db: the API server warns: would"
                + " violate PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false"
                + " (container \"db\" must set securityContext.allowPrivilegeEscalation=false),"
                + " unrestricted capabilities (container \"db\" must set"
                + " securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or"
                + " container \"db\" must set securityContext.runAsNonRoot=true), seccompProfile"
                + " (pod or container \"db\" must set securityContext.seccompProfile.type to"
                + " \"RuntimeDefault\" or \"Localhost\")");
  }

  @Test
  void appendsToAServiceAccountWithAJsonPatchGuardedByItsResourceVersion() {
    stubGet(
        ACCOUNT,
        Transcript.load("32-serviceaccount-smp-replaces-list.txt").exchange(3).responseBody());
    Transcript.Exchange patch =
        Transcript.load("33-serviceaccount-json-patch-test-rv-200.txt").exchange(1);
    Transcript.stub(server, patch);

    PullSecretAttachment result =
        kube.workloads("shop").serviceAccount("default").attachPullSecret("regcred");

    assertThat(result.change()).isEqualTo(AttachmentChange.ATTACHED);
    assertThat(result.note().orElseThrow()).contains("copied into pods only when they are created");
    server.verify(1, Transcript.recorded(patch));
  }

  @Test
  void staleServiceAccountTestIsRetriedFromAFreshRead() {
    Transcript.Exchange stale =
        Transcript.load("34-serviceaccount-json-patch-test-rv-stale.txt").exchange(1);
    Transcript.Exchange current =
        Transcript.load("33-serviceaccount-json-patch-test-rv-200.txt").exchange(1);
    ObjectNode appended = (ObjectNode) current.responseJson();
    appended.withArray("imagePullSecrets").addObject().put("name", "regcred-ssa");
    Transcript.stubInOrder(
        server,
        "stale",
        getOf(
            ACCOUNT,
            Transcript.load("32-serviceaccount-smp-replaces-list.txt").exchange(3).responseBody()),
        stale,
        getOf(ACCOUNT, current.responseBody()));
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.patch(urlPathEqualTo(ACCOUNT))
            .inScenario("stale")
            .whenScenarioStateIs("stale-3")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(appended.toString())));

    PullSecretAttachment result =
        kube.workloads("shop").serviceAccount("default").attachPullSecret("regcred-ssa");

    assertThat(result.change()).isEqualTo(AttachmentChange.ATTACHED);
    server.verify(1, Transcript.recorded(stale));
    server.verify(
        1,
        patchRequestedFor(urlPathEqualTo(ACCOUNT))
            .withHeader("Content-Type", equalTo("application/json-patch+json"))
            .withRequestBody(
                equalToJson(
                    "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\","
                        + "\"value\":\"1396\"},{\"op\":\"add\",\"path\":\"/imagePullSecrets/-\","
                        + "\"value\":{\"name\":\"regcred-ssa\"}}]")));
  }

  @Test
  void aServiceAccountThatKeepsChangingFailsAfterMaxAttemptsWithTheServersAnswer() {
    Transcript.Exchange stale =
        Transcript.load("34-serviceaccount-json-patch-test-rv-stale.txt").exchange(1);
    String account =
        Transcript.load("32-serviceaccount-smp-replaces-list.txt").exchange(3).responseBody();
    server.stubFor(
        get(urlPathEqualTo(ACCOUNT)).willReturn(Transcript.response(getOf(ACCOUNT, account))));
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.patch(urlPathEqualTo(ACCOUNT))
            .willReturn(Transcript.response(stale)));
    Workload workload = kube.workloads("shop").serviceAccount("default");

    KubeApiException e =
        catchThrowableOfType(KubeApiException.class, () -> workload.attachPullSecret("regcred"));

    assertThat(e.invalid()).isTrue();
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.method()).isEqualTo("PATCH");
    assertThat(e.name()).contains("default");
    assertThat(Workload.MAX_ATTEMPTS).isEqualTo(5);
    server.verify(5, getRequestedFor(urlPathEqualTo(ACCOUNT)));
    server.verify(5, patchRequestedFor(urlPathEqualTo(ACCOUNT)));
  }

  @Test
  void serviceAccountWithoutAListGetsTheWholeList() {
    Transcript absent = Transcript.load("35-serviceaccount-json-patch-add-when-absent.txt");
    stubGet(absent.exchange(3).path(), absent.exchange(1).responseBody());
    Transcript.stub(server, absent.exchange(3));

    PullSecretAttachment result =
        kube.workloads("shop").serviceAccount("deployer").attachPullSecret("regcred");

    assertThat(result.change()).isEqualTo(AttachmentChange.ATTACHED);
    server.verify(1, Transcript.recorded(absent.exchange(3)));
  }

  @Test
  void detachFromAServiceAccountRemovesOnlyThatEntry() {
    stubGet(
        ACCOUNT,
        Transcript.load("33-serviceaccount-json-patch-test-rv-200.txt").exchange(1).responseBody());
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.patch(urlPathEqualTo(ACCOUNT))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"default\"}}")));

    PullSecretAttachment result =
        kube.workloads("shop").serviceAccount("default").detachPullSecret("regcred");

    assertThat(result.change()).isEqualTo(AttachmentChange.DETACHED);
    server.verify(
        1,
        patchRequestedFor(urlPathEqualTo(ACCOUNT))
            .withRequestBody(
                equalToJson(
                    "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\","
                        + "\"value\":\"1396\"},"
                        + "{\"op\":\"remove\",\"path\":\"/imagePullSecrets/1\"}]")));
  }

  @Test
  void podsCannotChangeTheirPullSecrets() {
    Workload pod = kube.workloads("shop").workload(ResourceKind.POD, "api-manual");

    assertThatThrownBy(() -> pod.attachPullSecret("regcred"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("cannot change");
  }

  @Test
  void groupReportsEachWorkloadAndKeepsGoingAfterAFailure() {
    String deployment =
        Transcript.load("21-deployment-create-and-status.txt").exchange(3).responseBody();
    for (ResourceKind kind : ResourceKind.workloads()) {
      String items =
          kind == ResourceKind.DEPLOYMENT
              ? deployment + "," + deployment.replace("\"name\": \"api\"", "\"name\": \"web\"")
              : "";
      server.stubFor(
          get(urlPathEqualTo(kind.collectionPath("shop")))
              .withQueryParam("labelSelector", equalTo("app=api"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"kind\":\"List\",\"metadata\":{},\"items\":[" + items + "]}")));
    }
    stubGet(DEPLOYMENT, deployment);
    Transcript.stub(server, Transcript.load("22-deployment-smp-add-first.txt").exchange(1));
    Transcript.stub(server, Transcript.load("11-secret-get-404.txt").exchange(1));
    server.stubFor(
        get(urlPathEqualTo("/apis/apps/v1/namespaces/shop/deployments/web"))
            .willReturn(
                Transcript.response(Transcript.load("48-auth-forbidden-403.txt").exchange(3))));

    List<PullSecretAttachment> results =
        kube.workloads("shop").matching("app=api").attachPullSecret("regcred");

    assertThat(results)
        .extracting(PullSecretAttachment::name, PullSecretAttachment::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("api", AttachmentChange.ATTACHED),
            org.assertj.core.groups.Tuple.tuple("web", AttachmentChange.FAILED));
    assertThat(results.get(1).reason().orElseThrow()).contains("403 Forbidden");
  }

  private static void stubGet(String path, String body) {
    server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  private static Transcript.Exchange getOf(String path, String body) {
    return new Transcript.Exchange(
        "GET " + path,
        "GET",
        path,
        java.util.Map.of(),
        java.util.Map.of(),
        "",
        200,
        List.<String[]>of(new String[] {"Content-Type", "application/json"}),
        body);
  }
}
