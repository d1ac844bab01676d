package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.pullsecrets.auth.RegistryCredential;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keep-supplied loop against a fake API server whose namespace and ServiceAccount watches are
 * scripted with WireMock scenarios: a namespace added, a ServiceAccount created or edited, a
 * dropped connection, a {@code 410 Gone}, a namespace leaving the selection, a stop while both
 * watches wait. A watch with nothing scripted holds its response open, sending blank lines, for a
 * second.
 */
class PullSecretSupplyTest {

  private static final String NAMESPACES = "/api/v1/namespaces";
  private static final String ACCOUNTS = "/api/v1/serviceaccounts";
  private static final String SHOP_ACCOUNT = NAMESPACES + "/shop/serviceaccounts/default";
  private static final String SELECTOR = "pullsecrets.io/pull=dcd";

  private static final FakeKubeApi API = new FakeKubeApi();

  @RegisterExtension static WireMockExtension kubeServer = RotationFixture.kubeServer(API);

  private final List<SupplyEvent> events = new ArrayList<>();
  private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
  private PullSecretSupply supply;

  @BeforeEach
  void cluster() {
    API.reset();
    kubeServer.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse()));
    holdWatches(1);
    namespace("shop", true);
    namespace("legacy", true);
    namespace("ci", false);
    account("shop", "[{\"name\": \"mirror\"}]");
    account("ci", "[]");
    account("legacy", "[]");
    API.put(
        "/api/v1/namespaces/legacy/secrets/dcd",
        PullSecret.named("dcd")
            .namespace("legacy")
            .addCredential(RegistryCredential.of("old.example.com", "u", "p"))
            .build()
            .toJson());
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
    watch(
        "2",
        "3",
        "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410,"
            + "\"reason\":\"Expired\",\"message\":\"too old resource version\"}}\n");
    watch("3", "4", event("DELETED", "shop", "160"));
    String legacy = API.object("/api/v1/namespaces/legacy/secrets/dcd").orElseThrow().toString();

    supply.run();

    // The reset also drops the ServiceAccount watch when both share one HTTP/2 connection.
    assertThat(events)
        .filteredOn(event -> !event.detail().startsWith("serviceaccounts:"))
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
    assertThat(pauses).contains(Duration.ofSeconds(3)).containsOnly(Duration.ofSeconds(3));
    assertThat(pullSecrets("ci")).containsExactly("dcd");
    assertThat(
            KubeObject.of(API.object("/api/v1/namespaces/ci/secrets/dcd").orElseThrow())
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
    // The ServiceAccount watch misses the account (its list is scripted empty): only the
    // periodic list of namespaces can attach it.
    API.reset();
    kubeServer.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse()));
    kubeServer.stubFor(
        get(urlPathEqualTo(ACCOUNTS))
            .atPriority(1)
            .withQueryParam("watch", absent())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"kind\":\"ServiceAccountList\",\"apiVersion\":\"v1\","
                            + "\"metadata\":{\"resourceVersion\":\"90\"},\"items\":[]}")));
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

  @Test
  @Timeout(60)
  void attachesServiceAccountsOfSuppliedNamespacesAsTheirEventsArriveAndAfterADropOrA410() {
    API.reset();
    kubeServer.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse()));
    namespace("shop", true);
    namespace("ci", false);
    account("ci", "[]");
    String ci = API.object(NAMESPACES + "/ci/serviceaccounts/default").orElseThrow().toString();
    scriptAccountWatch();
    List<String> guards = new ArrayList<>();
    supply =
        PullSecretSupply.builder(kube(), secret())
            .namespacesMatching(SELECTOR)
            .retryDelay(Duration.ofSeconds(3))
            .sleeper(pauses::add)
            .listener(event -> onAccountStep(event, guards))
            .build();

    supply.run();

    assertThat(events)
        .extracting(SupplyEvent::action, SupplyEvent::namespace)
        .containsExactly(
            tuple(SupplyAction.SUPPLIED, "shop"),
            tuple(SupplyAction.RESYNCED, ""),
            tuple(SupplyAction.SUPPLIED, "shop"),
            tuple(SupplyAction.ATTACHED, "shop"),
            tuple(SupplyAction.ATTACHED, "shop"),
            tuple(SupplyAction.DISCONNECTED, ""),
            tuple(SupplyAction.ATTACHED, "shop"),
            tuple(SupplyAction.ATTACHED, "shop"),
            tuple(SupplyAction.WITHDRAWN, "shop"));
    assertThat(events.get(5).detail())
        .isEqualTo(
            "serviceaccounts: GET /api/v1/serviceaccounts: no response: the watch stream ended"
                + " inside an event");
    assertThat(pauses).containsExactly(Duration.ofSeconds(3));
    List<JsonNode> patches = jsonPatches(SHOP_ACCOUNT);
    assertThat(patches).hasSize(5);
    assertThat(patches.subList(0, 2))
        .extracting(patch -> patch.at("/0/op").asText() + " " + patch.at("/0/value").asText())
        .containsExactly("test " + guards.get(0), "test " + guards.get(1));
    assertThat(patches.subList(0, 4))
        .extracting(patch -> patch.at("/1/op").asText() + " " + patch.at("/1/value/name").asText())
        .containsOnly("add dcd");
    assertThat(patches.get(4).at("/1/op").asText()).isEqualTo("remove");
    assertThat(pullSecrets("shop")).containsExactly("mirror");
    assertThat(API.object(NAMESPACES + "/shop/secrets/dcd")).isEmpty();
    assertThat(API.object(NAMESPACES + "/ci/serviceaccounts/default").orElseThrow())
        .hasToString(ci);
    assertThat(API.object(NAMESPACES + "/ci/secrets/dcd")).isEmpty();
    kubeServer.verify(
        0, patchRequestedFor(urlPathEqualTo(NAMESPACES + "/ci/serviceaccounts/default")));
    kubeServer.verify(
        3,
        getRequestedFor(urlPathEqualTo(ACCOUNTS))
            .withQueryParam("watch", absent())
            .withQueryParam("fieldSelector", equalTo("metadata.name=default")));
  }

  @Test
  @Timeout(60)
  void stopEndsBothWaitingWatchesAndTheServiceAccountThread() throws Exception {
    holdWatches(600);
    Thread runner = new Thread(supply::run, "supply-test-runner");
    runner.start();
    while (watchRequests(NAMESPACES) == 0 || watchRequests(ACCOUNTS) == 0) {
      Thread.sleep(20);
    }
    assertThat(supplyThreads()).hasSize(1);

    supply.stop();
    runner.join();

    assertThat(supplyThreads()).isEmpty();
    assertThat(events).extracting(SupplyEvent::action).doesNotContain(SupplyAction.DISCONNECTED);
    assertThat(watchRequests(NAMESPACES)).isEqualTo(1);
    assertThat(watchRequests(ACCOUNTS)).isEqualTo(1);
  }

  /**
   * The response sends its first event, then blank lines for ten minutes: only a loop that acts on
   * each line as it arrives sees the event (and stops) before the guard below fails the test.
   */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void actsOnAnEventWhileItsWatchResponseIsStillOpen() {
    API.reset();
    kubeServer.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse()));
    namespace("ci", true);
    String body = event("ADDED", "ci", "150") + "\n".repeat(20_000) + event("ADDED", "late", "151");
    kubeServer.stubFor(
        get(urlPathEqualTo(NAMESPACES))
            .atPriority(1)
            .withQueryParam("watch", equalTo("true"))
            .willReturn(
                aResponse().withStatus(200).withBody(body).withChunkedDribbleDelay(100, 600_000)));
    holdWatches(600);
    List<String> supplied = new ArrayList<>();
    supply =
        PullSecretSupply.builder(kube(), secret())
            .namespacesMatching(SELECTOR)
            .listener(
                event -> {
                  supplied.add(event.action() + " " + event.namespace());
                  if (event.action() == SupplyAction.SUPPLIED && supplied.size() > 2) {
                    supply.stop();
                  }
                })
            .build();

    supply.run();

    assertThat(supplied).containsExactly("SUPPLIED ci", "RESYNCED ", "SUPPLIED ci");
    assertThat(watchRequests(NAMESPACES)).isEqualTo(1);
  }

  @Test
  @Timeout(60)
  void takesItsNameBackWhenSomeoneElseAttachedTheSecretFirstAndKeepsTheirReference() {
    API.reset();
    kubeServer.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse()));
    namespace("shop", true);
    stubWatch(ACCOUNTS, Scenario.STARTED, "watching", hold(1));
    stubWatch(NAMESPACES, "watching", "namespace-seen", body(event("MODIFIED", "shop", "150")));
    stubWatch(ACCOUNTS, "added", "processed", hold(1));
    stubWatch(NAMESPACES, "processed", "done", body(event("DELETED", "shop", "190")));
    supply =
        PullSecretSupply.builder(kube(), secret())
            .namespacesMatching(SELECTOR)
            .listener(this::onForeignAttach)
            .build();

    supply.run();

    assertThat(events)
        .extracting(SupplyEvent::action)
        .containsExactly(
            SupplyAction.SUPPLIED,
            SupplyAction.RESYNCED,
            SupplyAction.SUPPLIED,
            SupplyAction.WITHDRAWN);
    assertThat(jsonPatches(SHOP_ACCOUNT)).hasSize(1);
    assertThat(
            kubeServer.findAll(putRequestedFor(urlPathEqualTo(NAMESPACES + "/shop/secrets/dcd"))))
        .extracting(
            put ->
                FakeKubeApi.tree(put.getBodyAsString())
                    .path("metadata")
                    .path("annotations")
                    .path(PullSecretSupply.ATTACHED_ANNOTATION)
                    .asText("absent"))
        .containsExactly("default", "");
    assertThat(pullSecrets("shop")).containsExactly("mirror", "dcd");
    assertThat(API.object(NAMESPACES + "/shop/secrets/dcd")).isEmpty();
  }

  /**
   * After the namespace's second supply, the account appears and someone else adds our Secret to
   * it; the watch event that follows still shows the account without it.
   */
  private void onForeignAttach(SupplyEvent event) {
    events.add(event);
    if (event.action() == SupplyAction.SUPPLIED && events.size() == 3) {
      account("shop", "[{\"name\": \"mirror\"}]");
      String stale = API.object(SHOP_ACCOUNT).orElseThrow().toString();
      account("shop", "[{\"name\": \"mirror\"}, {\"name\": \"dcd\"}]");
      stubWatch(ACCOUNTS, "namespace-seen", "added", body(accountEvent("ADDED", stale)));
    } else if (event.action() == SupplyAction.WITHDRAWN) {
      supply.stop();
    }
  }

  /**
   * The ServiceAccount watch, after its first (empty) list: a hold that lets the namespace watch go
   * on; then, scripted by {@link #onAccountStep}, an ADDED event in a supplied and in an unselected
   * namespace, a MODIFIED event that removed our entry, a stream cut inside an event (a connection
   * reset would also drop the namespace watch, which shares the HTTP/2 connection), a 410; after
   * the list that follows the 410 has attached it again, the namespace leaves the selection.
   */
  private static void scriptAccountWatch() {
    stubWatch(ACCOUNTS, Scenario.STARTED, "watching", hold(1));
    stubWatch(NAMESPACES, "watching", "namespace-seen", body(event("MODIFIED", "shop", "150")));
    stubWatch(ACCOUNTS, "edited", "dropped", body("{\"type\":\"MODIFIED\",\"object\":{\"kind\""));
    stubWatch(ACCOUNTS, "dropped", "expired", body(expired()));
    stubWatch(NAMESPACES, "relisted", "done", body(event("DELETED", "shop", "190")));
  }

  /** Plays the cluster's side: creates and edits the ServiceAccount as the script goes on. */
  private void onAccountStep(SupplyEvent event, List<String> guards) {
    events.add(event);
    long attached = events.stream().filter(e -> e.action() == SupplyAction.ATTACHED).count();
    if (event.action() == SupplyAction.SUPPLIED && events.size() == 3) {
      account("shop", "[{\"name\": \"mirror\"}]");
      ObjectNode created = API.object(SHOP_ACCOUNT).orElseThrow();
      guards.add(created.at("/metadata/resourceVersion").asText());
      String unselected =
          API.object(NAMESPACES + "/ci/serviceaccounts/default").orElseThrow().toString();
      stubWatch(
          ACCOUNTS,
          "namespace-seen",
          "added",
          body(accountEvent("ADDED", unselected) + accountEvent("ADDED", created.toString())));
    } else if (event.action() == SupplyAction.ATTACHED && attached == 1) {
      account("shop", "[{\"name\": \"mirror\"}]");
      ObjectNode edited = API.object(SHOP_ACCOUNT).orElseThrow();
      guards.add(edited.at("/metadata/resourceVersion").asText());
      stubWatch(ACCOUNTS, "added", "edited", body(accountEvent("MODIFIED", edited.toString())));
    } else if (event.action() == SupplyAction.ATTACHED && attached < 4) {
      account("shop", "[{\"name\": \"mirror\"}]");
    } else if (event.action() == SupplyAction.ATTACHED) {
      kubeServer.setScenarioState("supply", "relisted");
    } else if (event.action() == SupplyAction.WITHDRAWN) {
      supply.stop();
    }
  }

  private static void stubWatch(
      String path, String state, String next, ResponseDefinitionBuilder response) {
    kubeServer.stubFor(
        get(urlPathEqualTo(path))
            .atPriority(1)
            .withQueryParam("watch", equalTo("true"))
            .inScenario("supply")
            .whenScenarioStateIs(state)
            .willSetStateTo(next)
            .willReturn(response));
  }

  /** Makes every watch without a scripted answer send blank lines for a while, then end. */
  private static void holdWatches(int seconds) {
    for (String path : List.of(NAMESPACES, ACCOUNTS)) {
      kubeServer.stubFor(
          get(urlPathEqualTo(path))
              .atPriority(5)
              .withQueryParam("watch", equalTo("true"))
              .willReturn(hold(seconds)));
    }
  }

  private static ResponseDefinitionBuilder hold(int seconds) {
    return aResponse()
        .withStatus(200)
        .withBody("\n".repeat(seconds))
        .withChunkedDribbleDelay(seconds, seconds * 1000);
  }

  private static ResponseDefinitionBuilder body(String events) {
    return aResponse().withStatus(200).withBody(events);
  }

  private static String accountEvent(String type, String object) {
    return "{\"type\":\"" + type + "\",\"object\":" + object + "}\n";
  }

  private static String expired() {
    return "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
        + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version: 90"
        + " (120)\",\"reason\":\"Expired\",\"code\":410}}\n";
  }

  private static int watchRequests(String path) {
    return kubeServer
        .findAll(getRequestedFor(urlPathEqualTo(path)).withQueryParam("watch", equalTo("true")))
        .size();
  }

  private static List<Thread> supplyThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(PullSecretSupply.THREAD_PREFIX))
        .filter(Thread::isAlive)
        .toList();
  }

  private static List<JsonNode> jsonPatches(String path) {
    return kubeServer.findAll(patchRequestedFor(urlPathEqualTo(path))).stream()
        .filter(request -> request.getHeader("Content-Type").startsWith("application/json-patch"))
        .map(request -> FakeKubeApi.tree(request.getBodyAsString()))
        .toList();
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
    return "{\"type\":\""
        + type
        + "\",\"object\":{\"kind\":\"Namespace\",\"apiVersion\":\"v1\","
        + "\"metadata\":{\"name\":\""
        + namespace
        + "\",\"resourceVersion\":\""
        + version
        + "\"}}}\n";
  }

  private static void namespace(String name, boolean selected) {
    String labels = selected ? "{\"pullsecrets.io/pull\": \"dcd\"}" : "{}";
    API.put(
        NAMESPACES + "/" + name,
        "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \""
            + name
            + "\", \"labels\": "
            + labels
            + "}}");
  }

  private static void account(String namespace, String pullSecrets) {
    API.put(
        NAMESPACES + "/" + namespace + "/serviceaccounts/default",
        "{\"apiVersion\": \"v1\", \"kind\": \"ServiceAccount\", \"metadata\": {\"name\":"
            + " \"default\", \"namespace\": \""
            + namespace
            + "\"}, \"imagePullSecrets\": "
            + pullSecrets
            + "}");
  }

  private static List<String> pullSecrets(String namespace) {
    List<String> names = new ArrayList<>();
    API.object(NAMESPACES + "/" + namespace + "/serviceaccounts/default")
        .orElseThrow()
        .path("imagePullSecrets")
        .forEach(ref -> names.add(ref.path("name").asText()));
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
