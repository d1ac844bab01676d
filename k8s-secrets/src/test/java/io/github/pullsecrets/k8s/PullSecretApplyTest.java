package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.RegistryCredential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Applying and planning a pull Secret, against recorded Secret shapes and answers. */
class PullSecretApplyTest {

  private static final String SECRET_PATH = "/api/v1/namespaces/shop/secrets/regcred";
  private static final String SECRETS = "/api/v1/secrets";
  private static final String ACCOUNTS = "/api/v1/serviceaccounts";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final KubeClient kube = KubeTestClients.client(server);

  @Test
  void createsTheSecretWhenAbsentWithTheRecordedApply() {
    Transcript.Exchange apply = Transcript.load("15-secret-apply-create-201.txt").exchange(1);
    stubGet(SECRET_PATH, 404, notFound("shop", "regcred"));
    Transcript.stub(server, apply);

    SecretReport report = kube.pullSecrets().apply(secret("A")).toNamespaces("shop");

    assertThat(report.results())
        .containsExactly(
            new SecretResult(
                "shop",
                SecretChange.CREATE,
                Optional.empty(),
                List.of(
                    "+ type: kubernetes.io/dockerconfigjson",
                    "+ label app.kubernetes.io/managed-by: pullsecrets",
                    "+ data[.dockerconfigjson]: <redacted> (registries registry.example.com)")));
    server.verify(1, Transcript.recorded(apply));
  }

  @Test
  void updatesItsOwnSecretWithRotatedData() {
    Transcript.Exchange created = Transcript.load("15-secret-apply-create-201.txt").exchange(1);
    Transcript.Exchange update = Transcript.load("16-secret-apply-update-200.txt").exchange(1);
    stubGet(SECRET_PATH, 200, created.responseBody());
    Transcript.stub(server, update);

    SecretReport report = kube.pullSecrets().apply(rotated()).toNamespaces("shop");

    assertThat(report.results())
        .containsExactly(
            new SecretResult(
                "shop",
                SecretChange.UPDATE,
                Optional.empty(),
                List.of(
                    "+ annotation pullsecrets.example.com/rotated-at: 2026-12-03T18:00:00Z",
                    "~ data[.dockerconfigjson]: <redacted> -> <redacted>"
                        + " (registries ~registry.example.com)")));
    server.verify(1, Transcript.recorded(update));
  }

  @Test
  void rerunningWithNothingChangedMakesNoWrite() {
    Transcript.Exchange updated = Transcript.load("16-secret-apply-update-200.txt").exchange(1);
    stubGet(SECRET_PATH, 200, updated.responseBody());

    SecretReport report = kube.pullSecrets().apply(secret("B")).toNamespaces("shop");

    assertThat(report.results())
        .extracting(SecretResult::change)
        .containsExactly(SecretChange.UNCHANGED);
    server.verify(0, patchRequestedFor(urlPathEqualTo(SECRET_PATH)));
  }

  @Test
  void dataKeysSomeoneElseAddedAreNoReasonToWrite() {
    ObjectNode extended =
        (ObjectNode) Transcript.load("16-secret-apply-update-200.txt").exchange(1).responseJson();
    ((ObjectNode) extended.path("data")).put("notes", "aGVsbG8=");
    stubGet(SECRET_PATH, 200, extended.toString());

    SecretReport report = kube.pullSecrets().apply(secret("B")).toNamespaces("shop");

    assertThat(report.results())
        .extracting(SecretResult::change)
        .containsExactly(SecretChange.UNCHANGED);
    server.verify(0, patchRequestedFor(urlPathEqualTo(SECRET_PATH)));
  }

  @Test
  void overwritesAForeignSecretWhenAsked() {
    ObjectNode foreign =
        (ObjectNode) Transcript.load("10-secret-get-200.txt").exchange(1).responseJson();
    ((ObjectNode) foreign.path("metadata")).remove("labels");
    Transcript.Exchange update = Transcript.load("16-secret-apply-update-200.txt").exchange(1);
    stubGet(SECRET_PATH, 200, foreign.toString());
    Transcript.stub(server, update);

    SecretReport report =
        kube.pullSecrets().apply(rotated()).overwriteForeign(true).toNamespaces("shop");

    assertThat(report.results().get(0).change()).isEqualTo(SecretChange.UPDATE);
    assertThat(report.results().get(0).diff())
        .contains("+ label app.kubernetes.io/managed-by: pullsecrets");
    server.verify(1, Transcript.recorded(update));
  }

  @Test
  void leavesAForeignSecretAloneUnlessAsked() {
    ObjectNode foreign =
        (ObjectNode) Transcript.load("10-secret-get-200.txt").exchange(1).responseJson();
    ((ObjectNode) foreign.path("metadata")).remove("labels");
    stubGet(SECRET_PATH, 200, foreign.toString());

    SecretReport report = kube.pullSecrets().apply(secret("B")).toNamespaces("shop");

    SecretResult result = report.results().get(0);
    assertThat(result.change()).isEqualTo(SecretChange.CONFLICT);
    assertThat(result.reason()).contains("Secret regcred exists and is not managed by pullsecrets");
    assertThat(report.succeeded()).isFalse();
    server.verify(0, patchRequestedFor(urlPathEqualTo(SECRET_PATH)));
  }

  @Test
  void takesItsFieldsBackWithForceAfterAnotherManagerChangedThem() {
    Transcript forced = Transcript.load("19-secret-apply-force-200.txt");
    stubGet(SECRET_PATH, 200, forced.exchange(1).responseBody());
    Transcript.stubInOrder(server, "force", forced.exchange(2), forced.exchange(3));

    SecretReport report = kube.pullSecrets().apply(rotated()).toNamespaces("shop");

    assertThat(report.results())
        .extracting(SecretResult::change)
        .containsExactly(SecretChange.UPDATE);
    server.verify(1, Transcript.recorded(forced.exchange(2)));
    server.verify(1, Transcript.recorded(forced.exchange(3)));
  }

  @Test
  void planReadsButNeverWritesAndRedactsEveryValue() {
    Transcript.Exchange created = Transcript.load("15-secret-apply-create-201.txt").exchange(1);
    stubGet(SECRET_PATH, 200, created.responseBody());
    stubGet("/api/v1/namespaces/staging/secrets/regcred", 404, notFound("staging", "regcred"));

    SecretReport plan = kube.pullSecrets().plan(secret("B")).toNamespaces("shop", "staging");

    assertThat(plan.planned()).isTrue();
    assertThat(plan.results())
        .extracting(SecretResult::namespace, SecretResult::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("shop", SecretChange.UPDATE),
            org.assertj.core.groups.Tuple.tuple("staging", SecretChange.CREATE));
    assertThat(String.join("\n", plan.results().get(0).diff()) + plan.results().get(1).diff())
        .contains("<redacted>")
        .doesNotContain("pull-Token-2026", "eyJ", "c2hvcC1wdWxsZXI");
    server.verify(0, patchRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void dryRunSendsDryRunAll() {
    Transcript.Exchange dryRun = Transcript.load("20-secret-apply-dry-run.txt").exchange(3);
    Transcript.Exchange stored = Transcript.load("20-secret-apply-dry-run.txt").exchange(4);
    stubGet(SECRET_PATH, 200, stored.responseBody());
    Transcript.stub(server, dryRun);
    PullSecret changed =
        PullSecret.named("regcred")
            .addCredential(
                RegistryCredential.of("registry.example.com", "shop-puller", "dry-run-only"))
            .build();

    SecretReport report = kube.pullSecrets().apply(changed).dryRun(true).toNamespaces("shop");

    assertThat(report.results())
        .extracting(SecretResult::change)
        .containsExactly(SecretChange.UPDATE);
    server.verify(
        1,
        patchRequestedFor(urlPathEqualTo(SECRET_PATH))
            .withQueryParam(
                "dryRun", com.github.tomakehurst.wiremock.client.WireMock.equalTo("All"))
            .withQueryParam(
                "fieldManager",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("pullsecrets")));
  }

  @Test
  void appliesToAllNamespacesMatchingASelector() {
    Transcript selectors = Transcript.load("04-namespaces-list-label-selector.txt");
    Transcript.Exchange equality = selectors.exchange(1);
    Transcript.stub(server, equality);
    List<String> names = new ArrayList<>();
    equality
        .responseJson()
        .path("items")
        .forEach(
            item -> {
              String namespace = item.at("/metadata/name").asText();
              names.add(namespace);
              stubGet(
                  "/api/v1/namespaces/" + namespace + "/secrets/regcred",
                  200,
                  inNamespace(
                      Transcript.load("16-secret-apply-update-200.txt").exchange(1), namespace));
            });

    SecretReport report =
        kube.pullSecrets()
            .apply(secret("B"))
            .toNamespacesMatching(equality.query().get("labelSelector"));

    assertThat(names).isNotEmpty();
    assertThat(report.results())
        .extracting(SecretResult::namespace)
        .containsExactlyElementsOf(names);
    assertThat(report.counts()).isEqualTo(Map.of(SecretChange.UNCHANGED, names.size()));
    server.verify(1, Transcript.recorded(equality));
  }

  @Test
  void appliesToEveryNamespaceOfAPagedList() {
    Transcript pages = Transcript.load("03-namespaces-list-paginated.txt");
    List<String> names = new ArrayList<>();
    for (int page = 1; page <= 4; page++) {
      Transcript.Exchange exchange = pages.exchange(page);
      String token = exchange.query().get("continue");
      server.stubFor(
          get(urlPathEqualTo("/api/v1/namespaces"))
              .withQueryParam("continue", token == null ? absent() : equalTo(token))
              .willReturn(Transcript.response(exchange)));
      exchange
          .responseJson()
          .path("items")
          .forEach(i -> names.add(i.at("/metadata/name").asText()));
    }
    Transcript.Exchange current = Transcript.load("16-secret-apply-update-200.txt").exchange(1);
    for (String namespace : names) {
      String path = "/api/v1/namespaces/" + namespace + "/secrets/regcred";
      if (namespace.equals("shop") || namespace.equals("staging")) {
        stubGet(path, 200, inNamespace(current, namespace));
      } else {
        stubGet(path, 404, notFound(namespace, "regcred"));
        stubCreated(namespace);
      }
    }

    SecretReport report = kube.pullSecrets().apply(secret("B")).concurrency(3).toAllNamespaces();

    assertThat(names)
        .containsExactly(
            "default", "demo", "kube-node-lease", "kube-public", "kube-system", "shop", "staging");
    assertThat(report.results())
        .extracting(SecretResult::namespace)
        .containsExactlyElementsOf(names);
    assertThat(report.counts())
        .isEqualTo(Map.of(SecretChange.CREATE, 5, SecretChange.UNCHANGED, 2));
    server.verify(
        4,
        getRequestedFor(urlPathEqualTo("/api/v1/namespaces"))
            .withQueryParam("limit", equalTo("500"))
            .withQueryParam("labelSelector", absent()));
    for (int page = 2; page <= 4; page++) {
      server.verify(
          1,
          getRequestedFor(urlPathEqualTo("/api/v1/namespaces"))
              .withQueryParam("continue", equalTo(pages.exchange(page).query().get("continue"))));
    }
    server.verify(5, patchRequestedFor(urlPathMatching("/api/v1/namespaces/.*/secrets/regcred")));
  }

  @Test
  void bulkApplyOverTwoHundredNamespacesReportsEveryOutcomeExactly() {
    stubGet(SECRETS, 403, forbiddenClusterList());
    Map<String, SecretChange> expected = new LinkedHashMap<>();
    for (int i = 0; i < 200; i++) {
      String namespace = String.format("team-%03d", i);
      expected.put(namespace, arrange(namespace, i));
    }
    List<SecretResult> progress = Collections.synchronizedList(new ArrayList<>());

    SecretReport report =
        kube.pullSecrets()
            .apply(secret("B"))
            .concurrency(8)
            .progress(progress::add)
            .toNamespaces(expected.keySet());

    assertThat(report.results())
        .extracting(SecretResult::namespace)
        .containsExactlyElementsOf(expected.keySet());
    assertThat(report.results())
        .allSatisfy(
            result -> assertThat(result.change()).isEqualTo(expected.get(result.namespace())));
    assertThat(report.counts())
        .isEqualTo(
            Map.of(
                SecretChange.CREATE,
                150,
                SecretChange.UNCHANGED,
                18,
                SecretChange.FAILED,
                25,
                SecretChange.CONFLICT,
                7));
    assertThat(report.withChange(SecretChange.FAILED))
        .allSatisfy(
            failure ->
                assertThat(failure.reason().orElseThrow())
                    .containsAnyOf("403 Forbidden: secrets", "422 Invalid"));
    assertThat(progress).hasSize(200).containsExactlyInAnyOrderElementsOf(report.results());
    server.verify(150 + 3, patchRequestedFor(urlPathMatching("/api/v1/namespaces/.*")));
    server.verify(1, getRequestedFor(urlPathEqualTo(SECRETS)));
    server.verify(1 + 200 + 150 + 3, anyRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void manyNamespacesAreReadWithOneListAndOnlyChangesAreWritten() {
    List<String> namespaces = teams(25);
    JsonNode current = Transcript.load("16-secret-apply-update-200.txt").exchange(1).responseJson();
    stubList(SECRETS, "SecretList", copies(namespaces.subList(0, 10), current));
    namespaces.subList(10, 25).forEach(PullSecretApplyTest::stubCreated);

    SecretReport report = kube.pullSecrets().apply(secret("B")).toNamespaces(namespaces);

    assertThat(report.counts())
        .isEqualTo(Map.of(SecretChange.UNCHANGED, 10, SecretChange.CREATE, 15));
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(SECRETS))
            .withQueryParam("fieldSelector", equalTo("metadata.name=regcred"))
            .withQueryParam("limit", equalTo("500"))
            .withHeader("Authorization", matching("Bearer .+")));
    server.verify(0, getRequestedFor(urlPathMatching("/api/v1/namespaces/.*")));
    server.verify(
        15, patchRequestedFor(urlPathMatching("/api/v1/namespaces/team-.*/secrets/regcred")));
    server.verify(1 + 15, anyRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aSecretSomeoneCreatedAfterTheListIsAConflictNeverForced() {
    List<String> namespaces = teams(20);
    stubList(SECRETS, "SecretList", List.of());
    namespaces.subList(1, 20).forEach(PullSecretApplyTest::stubCreated);
    Transcript.Exchange conflict = Transcript.load("18-secret-apply-conflict-409.txt").exchange(1);
    String raced = "/api/v1/namespaces/team-000/secrets/regcred";
    server.stubFor(patch(urlPathEqualTo(raced)).willReturn(Transcript.response(conflict)));

    SecretReport report = kube.pullSecrets().apply(secret("A")).toNamespaces(namespaces);

    assertThat(report.results().get(0).change()).isEqualTo(SecretChange.CONFLICT);
    assertThat(report.results().get(0).reason().orElseThrow()).contains("created by another");
    assertThat(report.counts())
        .isEqualTo(Map.of(SecretChange.CONFLICT, 1, SecretChange.CREATE, 19));
    server.verify(1, patchRequestedFor(urlPathEqualTo(raced)));
    server.verify(
        0, patchRequestedFor(urlPathMatching(".*")).withQueryParam("force", equalTo("true")));
  }

  @Test
  void attachesToTheServiceAccountFromTheListedCopyWithOneGuardedPatch() {
    List<String> namespaces = teams(25);
    JsonNode current = Transcript.load("16-secret-apply-update-200.txt").exchange(1).responseJson();
    Transcript.Exchange attached =
        Transcript.load("33-serviceaccount-json-patch-test-rv-200.txt").exchange(1);
    ObjectNode account = (ObjectNode) attached.responseJson();
    account.remove("imagePullSecrets");
    ObjectNode listing = account.deepCopy();
    listing.putArray("imagePullSecrets").addObject().put("name", "regcred");
    List<JsonNode> accounts = new ArrayList<>(copies(namespaces.subList(0, 5), listing));
    accounts.addAll(copies(namespaces.subList(5, 25), account));
    stubList(SECRETS, "SecretList", copies(namespaces, current));
    stubList(ACCOUNTS, "ServiceAccountList", accounts);
    server.stubFor(
        patch(urlPathMatching("/api/v1/namespaces/team-.*/serviceaccounts/default"))
            .willReturn(Transcript.response(attached)));

    SecretReport report =
        kube.pullSecrets()
            .apply(secret("B"))
            .attachToServiceAccount("default")
            .toNamespaces(namespaces);

    assertThat(report.results())
        .extracting(r -> r.serviceAccount().orElseThrow().change())
        .containsOnly(AttachmentChange.ATTACHED, AttachmentChange.UNCHANGED)
        .filteredOn(change -> change == AttachmentChange.ATTACHED)
        .hasSize(20);
    assertThat(report.succeeded()).isTrue();
    String guard = account.at("/metadata/resourceVersion").asText();
    server.verify(
        20,
        patchRequestedFor(urlPathMatching("/api/v1/namespaces/team-.*/serviceaccounts/default"))
            .withHeader("Content-Type", equalTo("application/json-patch+json"))
            .withRequestBody(
                equalToJson(
                    "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
                        + guard
                        + "\"},{\"op\":\"add\",\"path\":\"/imagePullSecrets\","
                        + "\"value\":[{\"name\":\"regcred\"}]}]")));
    server.verify(0, getRequestedFor(urlPathMatching("/api/v1/namespaces/.*")));
    server.verify(2 + 20, anyRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aServiceAccountChangedSinceTheListIsReadAgainAndPatchedWithTheNewGuard() {
    List<String> namespaces = teams(20);
    Transcript.Exchange attached =
        Transcript.load("33-serviceaccount-json-patch-test-rv-200.txt").exchange(1);
    Transcript.Exchange stale =
        Transcript.load("34-serviceaccount-json-patch-test-rv-stale.txt").exchange(1);
    ObjectNode listed = (ObjectNode) attached.responseJson();
    listed.remove("imagePullSecrets");
    ObjectNode fresh = listed.deepCopy();
    ((ObjectNode) fresh.path("metadata")).put("resourceVersion", "7777");
    stubList(SECRETS, "SecretList", List.of());
    namespaces.forEach(PullSecretApplyTest::stubCreated);
    stubList(ACCOUNTS, "ServiceAccountList", copies(namespaces, listed));
    String account = "/api/v1/namespaces/team-003/serviceaccounts/default";
    server.stubFor(
        patch(urlPathMatching("/api/v1/namespaces/team-.*/serviceaccounts/default"))
            .willReturn(Transcript.response(attached)));
    server.stubFor(
        patch(urlPathEqualTo(account))
            .withRequestBody(matching(".*\"value\":\"" + rv(listed) + "\".*"))
            .willReturn(Transcript.response(stale)));
    server.stubFor(
        patch(urlPathEqualTo(account))
            .withRequestBody(matching(".*\"value\":\"7777\".*"))
            .willReturn(Transcript.response(attached)));
    stubGet(account, 200, inNamespace(fresh, "team-003"));

    SecretReport report =
        kube.pullSecrets()
            .apply(secret("A"))
            .attachToServiceAccount("default")
            .toNamespaces(namespaces);

    assertThat(report.succeeded()).isTrue();
    assertThat(report.results())
        .extracting(r -> r.serviceAccount().orElseThrow().change())
        .containsOnly(AttachmentChange.ATTACHED);
    server.verify(2, patchRequestedFor(urlPathEqualTo(account)));
    server.verify(1, getRequestedFor(urlPathEqualTo(account)));
    server.verify(0, getRequestedFor(urlPathMatching("/api/v1/namespaces/team-0(0[^3]|1.).*")));
  }

  @Test
  void aMissingServiceAccountFailsItsNamespaceButNotTheSecretOrTheOthers() {
    List<String> namespaces = teams(20);
    Transcript.Exchange attached =
        Transcript.load("33-serviceaccount-json-patch-test-rv-200.txt").exchange(1);
    ObjectNode account = (ObjectNode) attached.responseJson();
    account.remove("imagePullSecrets");
    stubList(SECRETS, "SecretList", List.of());
    namespaces.forEach(PullSecretApplyTest::stubCreated);
    stubList(ACCOUNTS, "ServiceAccountList", copies(namespaces.subList(1, 20), account));
    server.stubFor(
        patch(urlPathMatching("/api/v1/namespaces/team-.*/serviceaccounts/default"))
            .willReturn(Transcript.response(attached)));

    SecretReport report =
        kube.pullSecrets()
            .apply(secret("A"))
            .attachToServiceAccount("default")
            .toNamespaces(namespaces);

    SecretResult first = report.results().get(0);
    assertThat(first.change()).isEqualTo(SecretChange.CREATE);
    PullSecretAttachment missing = first.serviceAccount().orElseThrow();
    assertThat(missing.change()).isEqualTo(AttachmentChange.FAILED);
    assertThat(missing.reason()).contains("ServiceAccount not found");
    assertThat(report.results().subList(1, 20))
        .extracting(r -> r.serviceAccount().orElseThrow().change())
        .containsOnly(AttachmentChange.ATTACHED);
    assertThat(report.counts()).isEqualTo(Map.of(SecretChange.CREATE, 20));
    assertThat(report.succeeded()).isFalse();
    server.verify(
        0,
        patchRequestedFor(urlPathEqualTo("/api/v1/namespaces/team-000/serviceaccounts/default")));
  }

  @Test
  void aSecretLeftAloneIsNeverAttached() {
    List<String> namespaces = teams(20);
    ObjectNode foreign =
        (ObjectNode) Transcript.load("16-secret-apply-update-200.txt").exchange(1).responseJson();
    ((ObjectNode) foreign.path("metadata")).remove("labels");
    ObjectNode account =
        (ObjectNode)
            Transcript.load("33-serviceaccount-json-patch-test-rv-200.txt")
                .exchange(1)
                .responseJson();
    account.remove("imagePullSecrets");
    stubList(SECRETS, "SecretList", copies(namespaces, foreign));
    stubList(ACCOUNTS, "ServiceAccountList", copies(namespaces, account));

    SecretReport report =
        kube.pullSecrets()
            .apply(secret("A"))
            .attachToServiceAccount("default")
            .toNamespaces(namespaces);

    assertThat(report.counts()).isEqualTo(Map.of(SecretChange.CONFLICT, 20));
    assertThat(report.results()).allSatisfy(r -> assertThat(r.serviceAccount()).isEmpty());
    server.verify(0, patchRequestedFor(urlPathMatching(".*")));
    server.verify(2, anyRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void theListAheadFollowsEveryPage() {
    List<String> namespaces = teams(30);
    JsonNode current = Transcript.load("16-secret-apply-update-200.txt").exchange(1).responseJson();
    ObjectNode first = JsonNodeFactory.instance.objectNode().put("kind", "SecretList");
    first.putObject("metadata").put("resourceVersion", "2000").put("continue", "page-2");
    first.putArray("items").addAll(copies(namespaces.subList(0, 15), current));
    ObjectNode second = JsonNodeFactory.instance.objectNode().put("kind", "SecretList");
    second.putObject("metadata").put("resourceVersion", "2000");
    second.putArray("items").addAll(copies(namespaces.subList(15, 30), current));
    server.stubFor(
        get(urlPathEqualTo(SECRETS))
            .withQueryParam("continue", equalTo("page-2"))
            .willReturn(okJson(second.toString())));
    server.stubFor(
        get(urlPathEqualTo(SECRETS))
            .withQueryParam("continue", absent())
            .willReturn(okJson(first.toString())));

    SecretReport report = kube.pullSecrets().apply(secret("B")).toNamespaces(namespaces);

    assertThat(report.counts()).isEqualTo(Map.of(SecretChange.UNCHANGED, 30));
    server.verify(2, getRequestedFor(urlPathEqualTo(SECRETS)));
    server.verify(2, anyRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aPlanReportsTheServiceAccountsThatWouldChangeWithoutWriting() {
    Transcript.Exchange created = Transcript.load("15-secret-apply-create-201.txt").exchange(1);
    stubGet(SECRET_PATH, 200, created.responseBody());
    JsonNode account =
        Transcript.load("35-serviceaccount-json-patch-add-when-absent.txt")
            .exchange(1)
            .responseJson();
    stubGet("/api/v1/namespaces/shop/serviceaccounts/default", 200, account.toString());

    SecretReport report =
        kube.pullSecrets().plan(secret("A")).attachToServiceAccount("default").toNamespaces("shop");

    assertThat(report.results().get(0).serviceAccount().orElseThrow().change())
        .isEqualTo(AttachmentChange.ATTACHED);
    server.verify(0, patchRequestedFor(urlPathMatching(".*")));
  }

  private static SecretChange arrange(String namespace, int i) {
    String path = "/api/v1/namespaces/" + namespace + "/secrets/regcred";
    Transcript.Exchange forbidden = Transcript.load("48-auth-forbidden-403.txt").exchange(3);
    Transcript.Exchange updated = Transcript.load("16-secret-apply-update-200.txt").exchange(1);
    if (i % 9 == 4) {
      stubGet(
          path, 403, forbidden.responseBody().replace("\\\"shop\\\"", "\\\"" + namespace + "\\\""));
      return SecretChange.FAILED;
    }
    if (i % 10 == 5) {
      stubGet(path, 200, inNamespace(updated, namespace));
      return SecretChange.UNCHANGED;
    }
    if (i % 25 == 7) {
      ObjectNode foreign = (ObjectNode) updated.responseJson();
      ((ObjectNode) foreign.path("metadata")).remove("labels");
      stubGet(path, 200, foreign.toString());
      return SecretChange.CONFLICT;
    }
    stubGet(path, 404, notFound(namespace, "regcred"));
    if (i % 50 == 13) {
      Transcript.Exchange invalid =
          Transcript.load("09-secret-create-422-dockerconfigjson-not-json.txt").exchange(1);
      server.stubFor(patch(urlPathEqualTo(path)).willReturn(Transcript.response(invalid)));
      return SecretChange.FAILED;
    }
    server.stubFor(
        patch(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        inNamespace(
                            Transcript.load("15-secret-apply-create-201.txt").exchange(1),
                            namespace))));
    return SecretChange.CREATE;
  }

  private static String rv(JsonNode object) {
    return object.at("/metadata/resourceVersion").asText();
  }

  private static String inNamespace(JsonNode object, String namespace) {
    ObjectNode copy = object.deepCopy();
    ((ObjectNode) copy.path("metadata")).put("namespace", namespace);
    return copy.toString();
  }

  private static String inNamespace(Transcript.Exchange exchange, String namespace) {
    JsonNode body = exchange.responseJson();
    ((ObjectNode) body.path("metadata")).put("namespace", namespace);
    return body.toString();
  }

  private static PullSecret rotated() {
    return secret("B").toBuilder()
        .addAnnotation("pullsecrets.example.com/rotated-at", "2026-12-03T18:00:00Z")
        .build();
  }

  private static PullSecret secret(String generation) {
    return PullSecret.named("regcred")
        .addCredential(
            RegistryCredential.of(
                    "registry.example.com", "shop-puller", "pull-Token-2026-" + generation)
                .withEmail("ci@shop.example.com"))
        .build();
  }

  private static List<String> teams(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(String.format("team-%03d", i));
    }
    return names;
  }

  private static List<JsonNode> copies(List<String> namespaces, JsonNode item) {
    List<JsonNode> copies = new ArrayList<>();
    for (String namespace : namespaces) {
      ObjectNode copy = item.deepCopy();
      ((ObjectNode) copy.path("metadata")).put("namespace", namespace);
      copies.add(copy);
    }
    return copies;
  }

  /** Stubs a cluster-wide list by name, in one page. */
  private static void stubList(String path, String kind, List<JsonNode> items) {
    ObjectNode list = JsonNodeFactory.instance.objectNode().put("kind", kind);
    list.put("apiVersion", "v1").putObject("metadata").put("resourceVersion", "2000");
    list.putArray("items").addAll(items);
    stubGet(path, 200, list.toString());
  }

  private static void stubCreated(String namespace) {
    server.stubFor(
        patch(urlPathEqualTo("/api/v1/namespaces/" + namespace + "/secrets/regcred"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        inNamespace(
                            Transcript.load("15-secret-apply-create-201.txt").exchange(1),
                            namespace))));
  }

  private static String forbiddenClusterList() {
    return Transcript.load("48-auth-forbidden-403.txt").exchange(4).responseBody();
  }

  private static void stubGet(String path, int status, String body) {
    server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  private static String notFound(String namespace, String name) {
    return Transcript.load("11-secret-get-404.txt")
        .exchange(1)
        .responseBody()
        .replace("regcred-missing", name);
  }
}
