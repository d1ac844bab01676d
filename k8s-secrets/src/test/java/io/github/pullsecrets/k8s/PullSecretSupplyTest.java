package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.pullsecrets.auth.RegistryCredential;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keep-supplied loop against a fake API server whose namespace watch is scripted with WireMock
 * scenarios: a namespace added, a dropped connection, a {@code 410 Gone}, a namespace leaving the
 * selection.
 */
class PullSecretSupplyTest {

  private static final String NAMESPACES = "/api/v1/namespaces";
  private static final String SELECTOR = "pullsecrets.io/pull=dcd";

  private static final FakeKubeApi API = new FakeKubeApi();

  @RegisterExtension static WireMockExtension kubeServer = RotationFixture.kubeServer(API);

  private final List<SupplyEvent> events = new ArrayList<>();
  private final List<Duration> pauses = new ArrayList<>();
  private PullSecretSupply supply;

  @BeforeEach
  void cluster() {
    API.reset();
    kubeServer.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse()));
    namespace("shop", true);
    namespace("legacy", true);
    namespace("ci", false);
    account("shop", "[{\"name\": \"mirror\"}]");
    account("ci", "[]");
    account("legacy", "[]");
    API.put(
        "/api/v1/namespaces/legacy/secrets/dcd",
        PullSecret.named("dcd").namespace("legacy")
            .addCredential(RegistryCredential.of("old.example.com", "u", "p")).build().toJson());
    supply =
        PullSecretSupply.builder(kube(), secret())
            .namespacesMatching(SELECTOR)
            .retryDelay(Duration.ofSeconds(3))
            .sleeper(pauses::add)
            .listener(this::record)
            .build();
  }

  @Test
  void suppliesAddedNamespacesResumesAfterDropsAndWithdrawsOnlyWhatItCreated() {
    watch(Scenario.STARTED, "1", event("ADDED", "ci", "150"));
    watch("1", "2", null);
    watch("2", "3", "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410,"
        + "\"reason\":\"Expired\",\"message\":\"too old resource version\"}}\n");
    watch("3", "4", event("DELETED", "shop", "160"));
    String legacy = API.object("/api/v1/namespaces/legacy/secrets/dcd").orElseThrow().toString();

    supply.run();

    assertThat(events)
        .extracting(SupplyEvent::action, SupplyEvent::namespace)
        .containsExactly(
            tuple(SupplyAction.SKIPPED_FOREIGN, "legacy"),
            tuple(SupplyAction.SUPPLIED, "shop"),
            tuple(SupplyAction.RESYNCED, ""),
            tuple(SupplyAction.SUPPLIED, "ci"),
            tuple(SupplyAction.DISCONNECTED, ""),
            tuple(SupplyAction.SUPPLIED, "ci"),
            tuple(SupplyAction.SKIPPED_FOREIGN, "legacy"),
            tuple(SupplyAction.SUPPLIED, "shop"),
            tuple(SupplyAction.RESYNCED, ""),
            tuple(SupplyAction.SUPPLIED, "ci"),
            tuple(SupplyAction.SKIPPED_FOREIGN, "legacy"),
            tuple(SupplyAction.SUPPLIED, "shop"),
            tuple(SupplyAction.RESYNCED, ""),
            tuple(SupplyAction.WITHDRAWN, "shop"));
    assertThat(pauses).containsExactly(Duration.ofSeconds(3));
    assertThat(pullSecrets("ci")).containsExactly("dcd");
    assertThat(KubeObject.of(API.object("/api/v1/namespaces/ci/secrets/dcd").orElseThrow())
            .annotations())
        .containsEntry(PullSecretSupply.ATTACHED_ANNOTATION, "default");
    assertThat(pullSecrets("shop")).containsExactly("mirror");
    assertThat(API.object("/api/v1/namespaces/shop/secrets/dcd")).isEmpty();
    assertThat(pullSecrets("legacy")).isEmpty();
    assertThat(API.object("/api/v1/namespaces/legacy/secrets/dcd").orElseThrow())
        .hasToString(legacy);
    kubeServer.verify(
        3, getRequestedFor(urlPathEqualTo(NAMESPACES)).withQueryParam("limit", equalTo("500")));
    kubeServer.verify(
        1,
        getRequestedFor(urlPathEqualTo(NAMESPACES))
            .withQueryParam("watch", equalTo("true"))
            .withQueryParam("resourceVersion", equalTo("150")));
  }

  @Test
  void aWithdrawalKeepsAReferenceTheAccountHadBefore() {
    account("shop", "[{\"name\": \"dcd\"}]");
    watch(Scenario.STARTED, "1", event("DELETED", "shop", "170"));

    supply.run();

    assertThat(pullSecrets("shop")).containsExactly("dcd");
    assertThat(API.object("/api/v1/namespaces/shop/secrets/dcd")).isEmpty();
  }

  @Test
  @Timeout(10)
  void listsAgainAfterTheResyncIntervalAndAttachesAnAccountCreatedLater() {
    API.reset();
    kubeServer.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse()));
    namespace("ci", true);
    List<SupplyAction> seen = new ArrayList<>();
    PullSecretSupply resyncing =
        PullSecretSupply.builder(kube(), secret())
            .namespacesMatching(SELECTOR)
            .resyncInterval(Duration.ZERO)
            .listener(
                event -> {
                  seen.add(event.action());
                  long resyncs = seen.stream().filter(SupplyAction.RESYNCED::equals).count();
                  if (event.action() == SupplyAction.RESYNCED && resyncs == 1) {
                    account("ci", "[]");
                  }
                  if (resyncs == 2) {
                    supply.stop();
                  }
                })
            .build();
    supply = resyncing;

    resyncing.run();

    assertThat(seen)
        .containsExactly(
            SupplyAction.SUPPLIED,
            SupplyAction.RESYNCED,
            SupplyAction.SUPPLIED,
            SupplyAction.RESYNCED);
    assertThat(pullSecrets("ci")).containsExactly("dcd");
  }

  private void record(SupplyEvent event) {
    events.add(event);
    if (event.action() == SupplyAction.RESYNCED) {
      namespace("ci", true);
    }
    if (event.action() == SupplyAction.WITHDRAWN) {
      supply.stop();
    }
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  /** Scripts the watch response in scenario state {@code state}; null drops the connection. */
  private static void watch(String state, String next, String body) {
    var response =
        body == null
            ? aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
            : aResponse().withStatus(200).withBody(body);
    kubeServer.stubFor(
        get(urlPathEqualTo(NAMESPACES))
            .atPriority(1)
            .withQueryParam("watch", equalTo("true"))
            .withQueryParam("labelSelector", equalTo(SELECTOR))
            .inScenario("watch")
            .whenScenarioStateIs(state)
            .willSetStateTo(next)
            .willReturn(response));
  }

  private static String event(String type, String namespace, String version) {
    return "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"Namespace\",\"apiVersion\":\"v1\","
        + "\"metadata\":{\"name\":\"" + namespace + "\",\"resourceVersion\":\"" + version
        + "\"}}}\n";
  }

  private static void namespace(String name, boolean selected) {
    String labels = selected ? "{\"pullsecrets.io/pull\": \"dcd\"}" : "{}";
    API.put(
        NAMESPACES + "/" + name,
        "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"" + name
            + "\", \"labels\": " + labels + "}}");
  }

  private static void account(String namespace, String pullSecrets) {
    API.put(
        NAMESPACES + "/" + namespace + "/serviceaccounts/default",
        "{\"apiVersion\": \"v1\", \"kind\": \"ServiceAccount\", \"metadata\": {\"name\":"
            + " \"default\", \"namespace\": \"" + namespace + "\"}, \"imagePullSecrets\": "
            + pullSecrets + "}");
  }

  private static List<String> pullSecrets(String namespace) {
    List<String> names = new ArrayList<>();
    API.object(NAMESPACES + "/" + namespace + "/serviceaccounts/default").orElseThrow()
        .path("imagePullSecrets").forEach(ref -> names.add(ref.path("name").asText()));
    return names;
  }

  private static KubeClient kube() {
    return KubeTestClients.client(kubeServer);
  }

  private static PullSecret secret() {
    return PullSecret.named("dcd")
        .addCredential(RegistryCredential.of("team.cr.de-fra.ionos.com", "robot", "pw"))
        .build();
  }
}
