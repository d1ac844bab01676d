package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.pullsecrets.auth.RetryEvent;
import io.github.pullsecrets.auth.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's verbs against the recorded kube-apiserver answers, requests asserted too. */
class ResourcesTranscriptTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final KubeClient kube = KubeTestClients.client(server);
  private final Resources secrets = kube.resources(ResourceKind.SECRET);

  @Test
  void getReturnsTheStoredSecret() {
    Transcript.Exchange get = Transcript.load("10-secret-get-200.txt").exchange(1);
    Transcript.stub(server, get);

    KubeObject secret = secrets.get("shop", "regcred");

    assertThat(secret.kind()).isEqualTo("Secret");
    assertThat(secret.name()).isEqualTo("regcred");
    assertThat(secret.namespace()).isEqualTo("shop");
    assertThat(secret.resourceVersion())
        .isEqualTo(get.responseJson().at("/metadata/resourceVersion").asText());
    assertThat(secret.text("/type")).contains("kubernetes.io/dockerconfigjson");
    assertThat(secret.toString()).doesNotContain("eyJ");
    server.verify(
        1,
        Transcript.recorded(get)
            .withHeader(
                "Accept",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("application/json")));
  }

  @Test
  void missingSecretIsANotFoundWithTheStatusFields() {
    Transcript.Exchange get = Transcript.load("11-secret-get-404.txt").exchange(1);
    Transcript.stub(server, get);

    KubeApiException e =
        catchThrowableOfType(KubeApiException.class, () -> secrets.get("shop", "regcred-missing"));

    assertThat(e.notFound()).isTrue();
    assertThat(e.code()).isEqualTo(404);
    assertThat(e.reason()).isEqualTo("NotFound");
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.path()).isEqualTo("/api/v1/namespaces/shop/secrets/regcred-missing");
    assertThat(e.namespace()).contains("shop");
    assertThat(e.name()).contains("regcred-missing");
    assertThat(e.detailsKind()).isEqualTo("secrets");
    assertThat(e.auditId()).isPresent();
    assertThat(e.getMessage())
        .isEqualTo(
            "GET /api/v1/namespaces/shop/secrets/regcred-missing: 404 NotFound: "
                + "secrets \"regcred-missing\" not found");
    assertThat(secrets.find("shop", "regcred-missing")).isEmpty();
  }

  @Test
  void createOfAnExistingSecretIsAlreadyExists() {
    Transcript.Exchange post =
        Transcript.load("06-secret-create-409-already-exists.txt").exchange(1);
    Transcript.stub(server, post);

    KubeApiException e =
        catchThrowableOfType(
            KubeApiException.class,
            () -> secrets.create("shop", post.requestTree().toString(), WriteOptions.defaults()));

    assertThat(e.alreadyExists()).isTrue();
    assertThat(e.conflict()).isFalse();
    assertThat(e.name()).contains("regcred");
    server.verify(1, Transcript.recorded(post));
  }

  @Test
  void invalidNameCarriesTheFieldCause() {
    Transcript.Exchange post = Transcript.load("07-secret-create-422-invalid-name.txt").exchange(1);
    Transcript.stub(server, post);

    KubeApiException e =
        catchThrowableOfType(
            KubeApiException.class,
            () -> secrets.create("shop", post.requestTree().toString(), WriteOptions.defaults()));

    assertThat(e.invalid()).isTrue();
    assertThat(e.detailsKind()).isEqualTo("Secret");
    assertThat(e.causes())
        .extracting(StatusCause::reason, StatusCause::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("FieldValueInvalid", "metadata.name"));
  }

  @Test
  void replaceWithAStaleResourceVersionIsAConflict() {
    Transcript.Exchange put =
        Transcript.load("12-secret-put-409-stale-resourceversion.txt").exchange(2);
    Transcript.stub(server, put);

    KubeApiException e =
        catchThrowableOfType(
            KubeApiException.class,
            () ->
                secrets.replace(
                    "shop", "regcred", put.requestTree().toString(), WriteOptions.defaults()));

    assertThat(e.conflict()).isTrue();
    assertThat(e.reason()).isEqualTo("Conflict");
    server.verify(1, Transcript.recorded(put));
  }

  @Test
  void replaceWithTheCurrentResourceVersionStoresTheObject() {
    Transcript.Exchange put = Transcript.load("13-secret-put-200.txt").exchange(1);
    Transcript.stub(server, put);

    KubeObject stored =
        secrets.replace("shop", "regcred", put.requestTree().toString(), WriteOptions.defaults());

    assertThat(stored.resourceVersion())
        .isEqualTo(put.responseJson().at("/metadata/resourceVersion").asText());
    server.verify(1, Transcript.recorded(put));
  }

  @Test
  void readModifyWriteStartsAgainFromAFreshReadAfterAConflict() {
    Transcript stale = Transcript.load("12-secret-put-409-stale-resourceversion.txt");
    Transcript.Exchange current = Transcript.load("13-secret-put-200.txt").exchange(1);
    String first = Transcript.load("10-secret-get-200.txt").exchange(1).responseBody();
    Transcript.stubInOrder(
        server,
        "rmw",
        getOf(first),
        stale.exchange(2),
        getOf(stale.exchange(1).responseBody()),
        current);
    List<String> seenVersions = new ArrayList<>();

    KubeObject stored =
        secrets.update(
            "shop",
            "regcred",
            json -> {
              seenVersions.add(
                  TestFiles.jsonValues(json).get(0).at("/metadata/resourceVersion").asText());
              return relabel(json);
            },
            WriteOptions.defaults());

    assertThat(seenVersions)
        .containsExactly(
            stale.exchange(2).requestTree().at("/metadata/resourceVersion").asText(),
            stale.exchange(1).responseJson().at("/metadata/resourceVersion").asText());
    assertThat(stored.resourceVersion())
        .isEqualTo(current.responseJson().at("/metadata/resourceVersion").asText());
    server.verify(
        2,
        com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
            urlPathEqualTo(current.path())));
  }

  @Test
  void readModifyWriteWithoutAChangeWritesNothing() {
    Transcript.stub(server, Transcript.load("10-secret-get-200.txt").exchange(1));

    KubeObject unchanged = secrets.update("shop", "regcred", json -> json, WriteOptions.defaults());

    assertThat(unchanged.name()).isEqualTo("regcred");
    server.verify(
        0,
        com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
            urlPathEqualTo("/api/v1/namespaces/shop/secrets/regcred")));
  }

  @Test
  void deleteThenDeleteAgainIsNotFound() {
    Transcript transcript = Transcript.load("14-secret-delete-200.txt");
    Transcript.stubInOrder(server, "delete", transcript.exchange(1), transcript.exchange(2));

    secrets.delete("shop", "regcred", WriteOptions.defaults());
    KubeApiException again =
        catchThrowableOfType(
            KubeApiException.class,
            () -> secrets.delete("shop", "regcred", WriteOptions.defaults()));

    assertThat(again.notFound()).isTrue();
    server.verify(2, Transcript.recorded(transcript.exchange(1)));
  }

  @Test
  void serverSideApplySendsApplyPatchYamlWithTheFieldManager() {
    Transcript.Exchange apply = Transcript.load("15-secret-apply-create-201.txt").exchange(1);
    Transcript.stub(server, apply);

    KubeObject created =
        secrets.apply("shop", "regcred", apply.requestTree().toString(), WriteOptions.defaults());

    assertThat(created.resourceVersion()).isEqualTo("1271");
    assertThat(created.labels()).containsEntry("app.kubernetes.io/managed-by", "pullsecrets");
    server.verify(1, Transcript.recorded(apply));
  }

  @Test
  void applyConflictListsTheFieldManagerConflicts() {
    Transcript.Exchange apply = Transcript.load("18-secret-apply-conflict-409.txt").exchange(1);
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.patch(urlPathEqualTo(apply.path()))
            .willReturn(Transcript.response(apply)));

    KubeApiException e =
        catchThrowableOfType(
            KubeApiException.class,
            () ->
                secrets.apply(
                    "shop", "regcred", apply.requestTree().toString(), WriteOptions.defaults()));

    assertThat(e.conflict()).isTrue();
    assertThat(e.causes())
        .containsExactly(
            new StatusCause(
                "FieldManagerConflict",
                ".data..dockerconfigjson",
                "conflict with \"pullsecrets\""));
  }

  @Test
  void forcedApplySendsForceTrue() {
    Transcript transcript = Transcript.load("19-secret-apply-force-200.txt");
    Transcript.Exchange forced = forcedByPullsecrets(transcript);
    Transcript.stub(server, forced);

    secrets.apply(
        "shop",
        "regcred",
        forced.requestTree().toString(),
        WriteOptions.defaults().withForce(true));

    server.verify(1, Transcript.recorded(forced));
  }

  @Test
  void dryRunApplySendsDryRunAll() {
    Transcript.Exchange dryRun = Transcript.load("20-secret-apply-dry-run.txt").exchange(1);
    Transcript.stub(server, dryRun);

    KubeObject wouldBe =
        secrets.apply(
            "shop",
            "regcred-dryrun",
            dryRun.requestTree().toString(),
            WriteOptions.defaults().withDryRun(true));

    assertThat(wouldBe.resourceVersion()).isEmpty();
    server.verify(1, Transcript.recorded(dryRun));
  }

  @Test
  void listFollowsEveryContinuePage() {
    Transcript pages = Transcript.load("03-namespaces-list-paginated.txt");
    for (int page = 1; page <= 4; page++) {
      Transcript.stub(server, pages.exchange(page));
    }

    List<KubeObject> namespaces =
        kube.resources(ResourceKind.NAMESPACE).list("", ListOptions.all().withLimit(2));

    assertThat(namespaces)
        .extracting(KubeObject::name)
        .containsExactlyElementsOf(expectedNames(pages));
    for (int page = 1; page <= 4; page++) {
      server.verify(1, Transcript.recorded(pages.exchange(page)));
    }
  }

  @Test
  void listNamesFollowsEveryContinuePageAndKeepsOnlyNames() {
    Transcript pages = Transcript.load("03-namespaces-list-paginated.txt");
    for (int page = 1; page <= 4; page++) {
      Transcript.stub(server, pages.exchange(page));
    }

    List<String> names =
        kube.resources(ResourceKind.NAMESPACE).listNames("", ListOptions.all().withLimit(2));

    assertThat(names).containsExactlyElementsOf(expectedNames(pages));
    for (int page = 1; page <= 4; page++) {
      server.verify(1, Transcript.recorded(pages.exchange(page)));
    }
  }

  @Test
  void expiredContinueTokenRestartsTheList() {
    Transcript pages = Transcript.load("03-namespaces-list-paginated.txt");
    Transcript.Exchange expired =
        Transcript.load("51-namespaces-continue-expired-410.txt").exchange(1);
    Transcript.stubInOrder(
        server,
        "expire",
        pages.exchange(1),
        expired,
        pages.exchange(1),
        pages.exchange(2),
        pages.exchange(3),
        pages.exchange(4));

    List<KubeObject> namespaces =
        kube.resources(ResourceKind.NAMESPACE).list("", ListOptions.all().withLimit(2));

    assertThat(namespaces)
        .extracting(KubeObject::name)
        .containsExactlyElementsOf(expectedNames(pages));
    server.verify(2, Transcript.recorded(pages.exchange(1)));
  }

  @Test
  void listsWithSetBasedSelectorsAndPagesThroughASelection() {
    Transcript selectors = Transcript.load("04-namespaces-list-label-selector.txt");
    for (int n = 3; n <= 5; n++) {
      Transcript.stub(server, selectors.exchange(n));
    }
    Resources namespaces = kube.resources(ResourceKind.NAMESPACE);

    List<KubeObject> inSet =
        namespaces.list("", ListOptions.all().withLabelSelector("env in (prod,staging)"));
    List<KubeObject> enabled =
        namespaces.list(
            "",
            ListOptions.all()
                .withLabelSelector("pullsecrets.example.com/enabled=true")
                .withLimit(1));

    assertThat(inSet)
        .extracting(KubeObject::name)
        .containsExactlyElementsOf(names(selectors.exchange(3)))
        .containsExactly("shop", "staging");
    assertThat(enabled)
        .extracting(KubeObject::name)
        .containsExactlyElementsOf(
            concat(names(selectors.exchange(4)), names(selectors.exchange(5))))
        .containsExactly("shop", "staging");
    assertThat(inSet).allSatisfy(ns -> assertThat(ns.kind()).isEqualTo("Namespace"));
    for (int n = 3; n <= 5; n++) {
      server.verify(1, Transcript.recorded(selectors.exchange(n)));
    }
  }

  @Test
  void listsEventsByFieldSelectorAndRejectsAnUnsupportedField() {
    Transcript events = Transcript.load("41-events-list-field-selector.txt");
    Transcript.stub(server, events.exchange(1));
    Transcript.stub(server, events.exchange(3));
    Resources eventClient = kube.resources(ResourceKind.EVENT);

    List<KubeObject> forPods =
        eventClient.list("shop", ListOptions.all().withFieldSelector("involvedObject.kind=Pod"));
    KubeApiException unsupported =
        catchThrowableOfType(
            KubeApiException.class,
            () -> eventClient.list("shop", ListOptions.all().withFieldSelector("message=foo")));

    assertThat(forPods).isEmpty();
    assertThat(unsupported.code()).isEqualTo(400);
    assertThat(unsupported.statusMessage()).isEqualTo("field label not supported: message");
    server.verify(1, Transcript.recorded(events.exchange(1)));
    server.verify(1, Transcript.recorded(events.exchange(3)));
  }

  @Test
  void invalidLabelSelectorIsABadRequest() {
    Transcript selectors = Transcript.load("04-namespaces-list-label-selector.txt");
    Transcript.Exchange invalid = selectors.exchange(selectors.size());
    Transcript.stub(server, invalid);

    KubeApiException e =
        catchThrowableOfType(
            KubeApiException.class,
            () ->
                kube.resources(ResourceKind.NAMESPACE)
                    .list(
                        "",
                        ListOptions.all().withLabelSelector(invalid.query().get("labelSelector"))));

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.reason()).isEqualTo("BadRequest");
  }

  @Test
  void unauthorizedAndForbiddenAreTyped() {
    Transcript.Exchange unauthorized = Transcript.load("47-auth-bad-token-401.txt").exchange(1);
    Transcript.Exchange forbidden = Transcript.load("48-auth-forbidden-403.txt").exchange(3);
    Transcript.stubInOrder(server, "auth", unauthorized, forbidden);

    KubeApiException first =
        catchThrowableOfType(KubeApiException.class, () -> secrets.get("shop", "regcred"));
    KubeApiException second =
        catchThrowableOfType(KubeApiException.class, () -> secrets.get("shop", "regcred"));

    assertThat(first.code()).isEqualTo(401);
    assertThat(first.reason()).isEqualTo("Unauthorized");
    assertThat(second.code()).isEqualTo(403);
    assertThat(second.reason()).isEqualTo("Forbidden");
    assertThat(second.statusMessage()).contains("cannot get resource \"secrets\"");
    assertThat(first.getMessage() + second.getMessage()).doesNotContain(KubeTestClients.TOKEN);
  }

  @Test
  void readModifyWriteGivesUpAfterMaxConflictAttemptsWithTheConflict() {
    Transcript.Exchange stale =
        Transcript.load("12-secret-put-409-stale-resourceversion.txt").exchange(2);
    String current = Transcript.load("10-secret-get-200.txt").exchange(1).responseBody();
    server.stubFor(
        get(urlPathEqualTo(stale.path())).willReturn(Transcript.response(getOf(current))));
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo(stale.path()))
            .willReturn(Transcript.response(stale)));
    List<String> changes = new ArrayList<>();

    KubeApiException e =
        catchThrowableOfType(
            KubeApiException.class,
            () ->
                secrets.update(
                    "shop",
                    "regcred",
                    json -> {
                      changes.add(json);
                      return relabel(json);
                    },
                    WriteOptions.defaults()));

    assertThat(e.conflict()).isTrue();
    assertThat(e.code()).isEqualTo(409);
    assertThat(e.method()).isEqualTo("PUT");
    assertThat(e.name()).contains("regcred");
    assertThat(Resources.MAX_CONFLICT_ATTEMPTS).isEqualTo(5);
    assertThat(changes).hasSize(5);
    server.verify(5, getRequestedFor(urlPathEqualTo(stale.path())));
    server.verify(
        5,
        com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
            urlPathEqualTo(stale.path())));
  }

  @Test
  void unavailableServerIsRetriedAndEachRetryIsAnnounced() {
    Transcript.Exchange get = Transcript.load("10-secret-get-200.txt").exchange(1);
    server.stubFor(
        get(urlPathEqualTo(get.path()))
            .inScenario("503")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("again")
            .willReturn(aResponse().withStatus(503)));
    server.stubFor(
        get(urlPathEqualTo(get.path()))
            .inScenario("503")
            .whenScenarioStateIs("again")
            .willReturn(Transcript.response(get)));
    List<RetryEvent> retries = new ArrayList<>();
    KubeClient retrying =
        KubeClient.builder(kube.config())
            .retryPolicy(
                RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(1)))
            .retryListener(retries::add)
            .sleeper(duration -> {})
            .build();

    KubeObject secret = retrying.resources(ResourceKind.SECRET).get("shop", "regcred");

    assertThat(secret.name()).isEqualTo("regcred");
    assertThat(retries).hasSize(1);
    server.verify(2, getRequestedFor(urlPathEqualTo(get.path())));
  }

  private static String relabel(String json) {
    com.fasterxml.jackson.databind.node.ObjectNode object =
        (com.fasterxml.jackson.databind.node.ObjectNode) TestFiles.jsonValues(json).get(0);
    object.withObject("/metadata/labels").put("rotated", "yes");
    return object.toString();
  }

  private static Transcript.Exchange getOf(String body) {
    return new Transcript.Exchange(
        "GET",
        "GET",
        "/api/v1/namespaces/shop/secrets/regcred",
        java.util.Map.of(),
        java.util.Map.of(),
        "",
        200,
        List.<String[]>of(new String[] {"Content-Type", "application/json"}),
        body);
  }

  private static Transcript.Exchange forcedByPullsecrets(Transcript transcript) {
    for (int n = transcript.size(); n >= 1; n--) {
      Transcript.Exchange exchange = transcript.exchange(n);
      if ("true".equals(exchange.query().get("force"))
          && "pullsecrets".equals(exchange.query().get("fieldManager"))) {
        return exchange;
      }
    }
    throw new IllegalStateException("no forced apply by pullsecrets in " + transcript);
  }

  private static List<String> names(Transcript.Exchange exchange) {
    List<String> names = new ArrayList<>();
    exchange.responseJson().path("items").forEach(i -> names.add(i.at("/metadata/name").asText()));
    return names;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static List<String> expectedNames(Transcript pages) {
    List<String> names = new ArrayList<>();
    for (int page = 1; page <= 4; page++) {
      pages
          .exchange(page)
          .responseJson()
          .path("items")
          .forEach(item -> names.add(item.at("/metadata/name").asText()));
    }
    return names;
  }
}
