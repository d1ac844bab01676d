package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.AccessOutcome;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Diagnosis of each pull failure cause, from the recorded pod in ImagePullBackOff and its events
 * (transcript 45), with the pod, event, Secret and ServiceAccount shapes varied per cause.
 */
class DiagnoseTest {

  private static final String SELECTOR = "app=api,origin=manual";
  private static final String SECRET = "/api/v1/namespaces/shop/secrets/regcred";
  private static final String ACCOUNT = "/api/v1/namespaces/shop/serviceaccounts/default";
  private static final Transcript RECORDED = Transcript.load("45-diagnose-pull-failure.txt");

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension registry =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final KubeClient kube = KubeTestClients.client(server);

  @Test
  void missingSecretNamesTheNamespacesThatHaveIt() {
    Transcript.stub(server, RECORDED.exchange(1));
    Transcript.stub(server, RECORDED.exchange(2));
    stub(SECRET, 404, Transcript.load("11-secret-get-404.txt").exchange(1).responseBody());
    server.stubFor(
        get(urlPathEqualTo("/api/v1/secrets"))
            .withQueryParam("fieldSelector", equalTo("metadata.name=regcred"))
            .willReturn(json(list(secretIn("staging", credential("registry.example.com"))))));

    Diagnosis diagnosis = kube.diagnose("shop").pods(SELECTOR);

    assertThat(diagnosis.podsExamined()).containsExactly("api-manual");
    Finding finding = diagnosis.findings().get(0);
    assertThat(finding.cause()).isEqualTo(PullFailureCause.SECRET_MISSING);
    assertThat(finding.container()).isEqualTo("api");
    assertThat(finding.image()).isEqualTo("registry.example.com/shop/api:1.0");
    assertThat(finding.waitingReason()).isEqualTo("ImagePullBackOff");
    assertThat(finding.missingSecrets()).containsExactly("regcred");
    assertThat(finding.foundElsewhere()).containsExactly("staging");
    assertThat(finding.explanation()).contains("a Secret of that name exists in staging");
    assertThat(finding.events()).hasSize(4).first().asString().contains("401 Unauthorized");
    server.verify(1, Transcript.recorded(RECORDED.exchange(1)));
    server.verify(1, Transcript.recorded(RECORDED.exchange(2)));
  }

  @Test
  void rejectedCredentialNamesTheEntryUsed() {
    arrange(pod(), events(null), secretIn("shop", credential("registry.example.com")));

    Finding finding = only();

    assertThat(finding.cause()).isEqualTo(PullFailureCause.CREDENTIAL_REJECTED);
    assertThat(finding.entries()).containsExactly("registry.example.com");
    assertThat(finding.explanation()).contains("entry registry.example.com in Secret regcred");
  }

  @Test
  void noEntryForTheImagesRegistryListsTheEntries() {
    arrange(pod(), events(null), secretIn("shop", credential("other.example.com")));

    Finding finding = only();

    assertThat(finding.cause()).isEqualTo(PullFailureCause.NO_MATCHING_ENTRY);
    assertThat(finding.entries()).containsExactly("other.example.com");
    assertThat(finding.explanation()).contains("registry registry.example.com");
  }

  @Test
  void secretOfTheWrongTypeIsIgnoredLikeTheKubeletDoes() {
    ObjectNode opaque = secretIn("shop", credential("registry.example.com"));
    opaque.put("type", "Opaque");
    arrange(pod(), events(null), opaque);

    Finding finding = only();

    assertThat(finding.cause()).isEqualTo(PullFailureCause.WRONG_TYPE_OR_KEY);
    assertThat(finding.explanation()).contains("type is Opaque");
  }

  @Test
  void dockerConfigJsonSecretWithoutItsKeyIsNamedWithTheKeysItHas() {
    arrange(pod(), events(null), withoutDockerConfigJsonKey(PullSecret.TYPE));

    Finding finding = only();

    assertThat(finding.cause()).isEqualTo(PullFailureCause.WRONG_TYPE_OR_KEY);
    assertThat(finding.explanation())
        .contains(
            "Secret regcred: type kubernetes.io/dockerconfigjson has no .dockerconfigjson key")
        .contains("(keys: config.json)")
        .contains("under the key .dockerconfigjson");
  }

  @Test
  void genericSecretHoldingAConfigJsonIsNamedWithItsKeys() {
    arrange(pod(), events(null), withoutDockerConfigJsonKey("Opaque"));

    Finding finding = only();

    assertThat(finding.cause()).isEqualTo(PullFailureCause.WRONG_TYPE_OR_KEY);
    assertThat(finding.explanation())
        .contains("type is Opaque, not kubernetes.io/dockerconfigjson (keys: config.json)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controllers")
  void aControllerIsDiagnosedThroughItsPodSelector(
      String call, String transcript, String selector, Function<Diagnose, Diagnosis> diagnose) {
    JsonNode controller = Transcript.load(transcript).exchange(2).responseJson();
    String path = Transcript.load(transcript).exchange(2).path();
    stub(path, 200, controller.toString());
    ObjectNode pods = pod();
    ObjectNode item = (ObjectNode) pods.at("/items/0/metadata");
    item.put("namespace", "staging");
    item.putObject("labels").put("app", selector.substring("app=".length()));
    server.stubFor(
        get(urlPathEqualTo("/api/v1/namespaces/staging/pods"))
            .withQueryParam("labelSelector", equalTo(selector))
            .willReturn(json(pods)));
    server.stubFor(
        get(urlPathEqualTo("/api/v1/namespaces/staging/events")).willReturn(json(events(null))));
    stub(
        "/api/v1/namespaces/staging/secrets/regcred",
        200,
        secretIn("staging", credential("registry.example.com")).toString());

    Diagnosis diagnosis = diagnose.apply(kube.diagnose("staging"));

    String kind = controller.path("kind").asText();
    String name = controller.at("/metadata/name").asText();
    assertThat(diagnosis.target()).isEqualTo(kind + " staging/" + name);
    assertThat(diagnosis.podsExamined()).containsExactly("api-manual");
    assertThat(diagnosis.findings())
        .extracting(Finding::cause)
        .containsExactly(PullFailureCause.CREDENTIAL_REJECTED);
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/api/v1/namespaces/staging/pods"))
            .withQueryParam("labelSelector", equalTo(selector)));
  }

  static Stream<Arguments> controllers() {
    String statefulSet = "38-statefulset-smp.txt";
    String daemonSet = "39-daemonset-smp.txt";
    return Stream.of(
        Arguments.of(
            "statefulSet",
            statefulSet,
            "app=db",
            (Function<Diagnose, Diagnosis>) d -> d.statefulSet("db")),
        Arguments.of(
            "daemonSet",
            daemonSet,
            "app=agent",
            (Function<Diagnose, Diagnosis>) d -> d.daemonSet("agent")),
        Arguments.of(
            "workload(STATEFUL_SET)",
            statefulSet,
            "app=db",
            (Function<Diagnose, Diagnosis>) d -> d.workload(ResourceKind.STATEFUL_SET, "db")),
        Arguments.of(
            "workload(DAEMON_SET)",
            daemonSet,
            "app=agent",
            (Function<Diagnose, Diagnosis>) d -> d.workload(ResourceKind.DAEMON_SET, "agent")));
  }

  @Test
  void aWorkloadWithoutAPodSelectorIsRefusedByName() {
    Transcript.Exchange cronJob = Transcript.load("37-cronjob-smp.txt").exchange(2);
    stub(cronJob.path(), 200, cronJob.responseBody());

    assertThatThrownBy(() -> kube.diagnose("shop").workload(ResourceKind.CRON_JOB, "report"))
        .isInstanceOf(KubernetesException.class)
        .hasMessage("CronJob report has no pod selector");
  }

  @Test
  void undecodableSecretFailsThePod() {
    ObjectNode broken = secretIn("shop", credential("registry.example.com"));
    String config = "{\"auths\":{\"registry.example.com\":{\"auth\":\"bm9jb2xvbg==\"}}}";
    ((ObjectNode) broken.path("data")).put(".dockerconfigjson", base64(config));
    arrange(pod(), events(null), broken);

    Finding finding = only();

    assertThat(finding.cause()).isEqualTo(PullFailureCause.UNDECODABLE);
    assertThat(finding.explanation()).contains("Secret regcred").contains("fails every pull");
  }

  @Test
  void podWithoutPullSecretsAndAPlainServiceAccountHasNone() {
    stub(
        ACCOUNT,
        200,
        Transcript.load("32-serviceaccount-smp-replaces-list.txt").exchange(1).responseBody());
    arrange(withoutPullSecrets(pod()), events(null), null);

    assertThat(only().cause()).isEqualTo(PullFailureCause.NO_PULL_SECRET);
  }

  @Test
  void serviceAccountSecretAddedAfterThePodOnlyReachesNewPods() {
    stub(
        ACCOUNT,
        200,
        Transcript.load("33-serviceaccount-json-patch-test-rv-200.txt").exchange(1).responseBody());
    arrange(withoutPullSecrets(pod()), events(null), null);

    Finding finding = only();

    assertThat(finding.cause()).isEqualTo(PullFailureCause.SERVICE_ACCOUNT_SECRET_ADDED_AFTER_POD);
    assertThat(finding.explanation()).contains("[regcred-mirror, regcred]").contains("new pods");
  }

  @Test
  void registryAndNetworkCausesAreReadFromTheEvents() {
    List<String[]> cases =
        List.of(
            new String[] {
              "INSUFFICIENT",
              "failed to authorize: insufficient_scope: authorization" + " failed",
              "NO_PULL_SCOPE"
            },
            new String[] {
              "NOTFOUND",
              "failed to resolve reference \"registry.example.com/shop/api:"
                  + "1.0\": registry.example.com/shop/api:1.0: not found",
              "IMAGE_NOT_FOUND"
            },
            new String[] {
              "TLS",
              "failed to do request: Head \"https://registry.example.com/v2/shop/"
                  + "api/manifests/1.0\": x509: certificate signed by unknown authority",
              "TLS_OR_NETWORK"
            },
            new String[] {
              "DNS", "dial tcp: lookup registry.example.com: no such host", "TLS_OR_NETWORK"
            },
            new String[] {
              "RATE",
              "429 Too Many Requests - Server message: toomanyrequests: You have"
                  + " reached your pull rate limit",
              "RATE_LIMITED"
            });
    for (String[] example : cases) {
      server.resetAll();
      arrange(pod(), events(example[1]), secretIn("shop", credential("registry.example.com")));

      assertThat(only().cause()).as(example[0]).isEqualTo(PullFailureCause.valueOf(example[2]));
    }
  }

  @Test
  void invalidImageNameIsNamed() {
    ObjectNode pod = pod();
    ObjectNode container = (ObjectNode) pod.at("/items/0/status/containerStatuses/0");
    ((ObjectNode) container.at("/state/waiting")).put("reason", "InvalidImageName");
    ((ObjectNode) pod.at("/items/0/spec/containers/0")).put("image", "Registry/API:1.0");
    arrange(pod, events(null), secretIn("shop", credential("registry.example.com")));

    Finding finding = only();

    assertThat(finding.cause()).isEqualTo(PullFailureCause.INVALID_IMAGE_NAME);
    assertThat(finding.image()).isEqualTo("Registry/API:1.0");
  }

  @Test
  void registryCheckConfirmsTheCause() {
    String host = "localhost:" + registry.getPort();
    ObjectNode pod = pod();
    ((ObjectNode) pod.at("/items/0/spec/containers/0")).put("image", host + "/shop/api:1.0");
    arrange(pod, events("Error: ErrImagePull"), secretIn("shop", credential(host)));
    registry.stubFor(
        get(urlPathEqualTo("/v2/"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", "Basic realm=\"registry\"")));
    registry.stubFor(
        head(urlPathEqualTo("/v2/shop/api/manifests/1.0")).willReturn(aResponse().withStatus(404)));
    RegistryAccess access =
        RegistryAccess.builder().insecure(true).retryPolicy(RetryPolicy.disabled()).build();

    Finding finding =
        kube.diagnose("shop").confirmWithRegistry(access).pods(SELECTOR).findings().get(0);

    assertThat(finding.cause()).isEqualTo(PullFailureCause.IMAGE_NOT_FOUND);
    assertThat(finding.registryCheck().orElseThrow().outcome()).isEqualTo(AccessOutcome.NOT_FOUND);
  }

  @Test
  void deploymentWithPendingPodsIsHealthy() {
    String deployment =
        Transcript.load("21-deployment-create-and-status.txt").exchange(3).responseBody();
    stub("/apis/apps/v1/namespaces/shop/deployments/api", 200, deployment);
    Transcript.Exchange pods = Transcript.load("40-pods-list-label-selector.txt").exchange(1);
    Transcript.stub(server, pods);

    Diagnosis diagnosis = kube.diagnose("shop").deployment("api");

    assertThat(diagnosis.healthy()).isTrue();
    assertThat(diagnosis.target()).isEqualTo("Deployment shop/api");
    assertThat(diagnosis.podsExamined()).hasSize(pods.responseJson().path("items").size());
    server.verify(1, Transcript.recorded(pods));
  }

  private Finding only() {
    Diagnosis diagnosis = kube.diagnose("shop").pods(SELECTOR);
    assertThat(diagnosis.findings()).hasSize(1);
    return diagnosis.findings().get(0);
  }

  private static void arrange(ObjectNode pods, ObjectNode events, ObjectNode secret) {
    server.stubFor(
        get(urlPathEqualTo(RECORDED.exchange(1).path()))
            .withQueryParam("labelSelector", equalTo(SELECTOR))
            .willReturn(json(pods)));
    server.stubFor(get(urlPathEqualTo(RECORDED.exchange(2).path())).willReturn(json(events)));
    if (secret != null) {
      stub(SECRET, 200, secret.toString());
    }
  }

  private static ObjectNode pod() {
    return (ObjectNode) RECORDED.exchange(1).responseJson();
  }

  /**
   * Returns the Secret of transcript 08, whose config sits under {@code config.json} (the file name
   * people copy), renamed to the pod's pull secret, with the given type.
   */
  private static ObjectNode withoutDockerConfigJsonKey(String type) {
    ObjectNode secret =
        (ObjectNode)
            Transcript.load("08-secret-create-422-missing-dockerconfigjson-key.txt")
                .exchange(1)
                .requestTree();
    ((ObjectNode) secret.path("metadata")).put("name", "regcred");
    return secret.put("type", type);
  }

  private static ObjectNode withoutPullSecrets(ObjectNode pods) {
    ((ObjectNode) pods.at("/items/0/spec")).remove("imagePullSecrets");
    return pods;
  }

  /** Returns the recorded events, with the first one's message replaced unless null. */
  private static ObjectNode events(String message) {
    ObjectNode events = (ObjectNode) RECORDED.exchange(2).responseJson();
    if (message != null) {
      ((ObjectNode) events.at("/items/0")).put("message", "Failed to pull image: " + message);
    }
    return events;
  }

  private static RegistryCredential credential(String server) {
    return RegistryCredential.of(server, "shop-puller", "pull-Token-2026-A");
  }

  private static ObjectNode secretIn(String namespace, RegistryCredential credential) {
    String json =
        PullSecret.named("regcred").namespace(namespace).addCredential(credential).build().toJson();
    return (ObjectNode) TestFiles.jsonValues(json).get(0);
  }

  private static ObjectNode list(JsonNode... items) {
    ObjectNode list = TestFiles.JSON.createObjectNode().put("kind", "SecretList");
    ArrayNode array = list.putArray("items");
    for (JsonNode item : items) {
      array.add(item);
    }
    return list;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void stub(String path, int status, String body) {
    server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      JsonNode body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body.toString());
  }
}
