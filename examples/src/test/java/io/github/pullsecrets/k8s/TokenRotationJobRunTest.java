package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.auth.testing.RegistryExtension;
import io.github.pullsecrets.auth.testing.TestRegistries;
import io.github.pullsecrets.examples.TokenRotationJobs;
import io.github.pullsecrets.k8s.internal.kube.Credentials;
import io.github.pullsecrets.registry.ContainerRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CronJob program's run, as {@code main} runs it but with the in-cluster parts replaced: a
 * Kubernetes API server holding the Secrets, the IONOS token API (WireMock stubs from the contract,
 * the token list from the recorded fixture) and, when a rotation is due, the real docker-registry
 * with token auth checking that the new token pulls.
 */
class TokenRotationJobRunTest {

  private static final String BASE = "/containerregistries/registries/";
  private static final String REGISTRY_ID = "0f8a4b2c-7d3e-4a1b-9c5d-6e7f8a9b0c1d";
  private static final String TOKENS = BASE + REGISTRY_ID + "/tokens";
  private static final String OLD_TOKEN = "11111111-2222-4333-8444-555555555555";
  private static final String NEW_TOKEN = "5b0c7e1a-2f3d-4c5b-8a9e-1d2c3b4a5f6e";
  private static final String CI_PUSH_TOKEN = "6c1d8f2b-3a4e-4d6c-9b0f-2e3d4c5b6a7f";
  private static final String NEW_EXPIRY = "2027-03-03T10:00:00Z";
  private static final String API_TOKEN = "ionos-api-token-not-a-secret";
  private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
  private static final List<String> NAMESPACES = List.of("shop", "staging");
  private static final FakeKubeApi API = new FakeKubeApi();

  @RegisterExtension static RegistryExtension registries = new RegistryExtension();

  @RegisterExtension
  static WireMockExtension kubeServer =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(API))
          .build();

  @RegisterExtension
  static WireMockExtension ionos =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

  @Test
  void rotatesWhenDueThenPrintsTheInventoryWithoutAnyPassword() {
    TestRegistries real = registries.get();
    cluster(real.tokenHost(), TestRegistries.ALICE, TestRegistries.ALICE_PASSWORD, Map.of());
    ionosApi(real.tokenHost());

    int status = runJob(real.tokenHost(), real.caPem());

    assertThat(status).isZero();
    assertThat(printed())
        .containsExactly(
            "rotation: COMPLETED, token "
                + NEW_TOKEN
                + ", expires "
                + NEW_EXPIRY
                + ", revoked ["
                + OLD_TOKEN
                + "]",
            "inventory: 2 tokens, 2 pull Secrets",
            "  TOKEN_UNUSED " + CI_PUSH_TOKEN + ": no pull Secret carries it");
    for (String namespace : NAMESPACES) {
      assertThat(credentialIn(namespace).username()).isEqualTo("puller");
      assertThat(secret(namespace).annotations()).containsEntry(Rotation.TOKEN_ID, NEW_TOKEN);
    }
    ionos.verify(1, postRequestedFor(urlPathEqualTo(TOKENS)));
    ionos.verify(1, deleteRequestedFor(urlPathEqualTo(TOKENS + "/" + OLD_TOKEN)));
    assertThat(screen.toString(StandardCharsets.UTF_8))
        .doesNotContain("pullpw", TestRegistries.ALICE_PASSWORD, API_TOKEN);
  }

  @Test
  void leavesATokenThatIsNotDueAndStillPrintsTheInventory() {
    String host = "team.cr.de-fra.ionos.com";
    Map<String, String> marks =
        Map.of(
            Rotation.TOKEN_ID, NEW_TOKEN,
            Rotation.TOKEN_ISSUED_AT, "2026-12-03T10:10:00Z",
            Rotation.TOKEN_EXPIRES_AT, NEW_EXPIRY);
    cluster(host, "puller", "pullpw", marks);
    ionosApi(host);
    String before = secret("shop").toString() + secret("staging");

    int status = runJob(host, null);

    assertThat(status).isZero();
    assertThat(printed())
        .containsExactly(
            "rotation: NOT_DUE, token " + NEW_TOKEN + ", expires " + NEW_EXPIRY + ", revoked []",
            "inventory: 2 tokens, 2 pull Secrets",
            "  TOKEN_UNUSED " + CI_PUSH_TOKEN + ": no pull Secret carries it");
    assertThat(secret("shop").toString() + secret("staging")).isEqualTo(before);
    ionos.verify(0, postRequestedFor(urlPathMatching(".*")));
    ionos.verify(0, deleteRequestedFor(urlPathMatching(".*")));
    assertThat(screen.toString(StandardCharsets.UTF_8)).doesNotContain("pullpw", API_TOKEN);
  }

  @Test
  void reportsAFailedPullCheckWithoutThePasswordAndChangesNothing() {
    TestRegistries real = registries.get();
    cluster(real.tokenHost(), TestRegistries.ALICE, TestRegistries.ALICE_PASSWORD, Map.of());
    ionosApi(real.tokenHost(), "other", "otherpw");
    ionos.stubFor(
        delete(urlPathEqualTo(TOKENS + "/" + NEW_TOKEN)).willReturn(aResponse().withStatus(204)));
    List<String> before = contents();

    int status = runJob(real.tokenHost(), real.caPem());

    assertThat(status).isEqualTo(1);
    assertThat(printed())
        .singleElement()
        .asString()
        .startsWith("failed: ")
        .endsWith(" (the next run resumes)");
    // The Secret marked with the token name before issuing is unmarked again.
    assertThat(contents()).isEqualTo(before);
    ionos.verify(1, deleteRequestedFor(urlPathEqualTo(TOKENS + "/" + NEW_TOKEN)));
    ionos.verify(0, deleteRequestedFor(urlPathEqualTo(TOKENS + "/" + OLD_TOKEN)));
    assertThat(screen.toString(StandardCharsets.UTF_8))
        .doesNotContain("otherpw", TestRegistries.ALICE_PASSWORD, API_TOKEN);
  }

  private int runJob(String host, String caPem) {
    ContainerRegistryClient client =
        ContainerRegistryClient.builder()
            .baseUrl(ionos.baseUrl())
            .bearerToken(API_TOKEN)
            .retryPolicy(RetryPolicy.disabled())
            .build();
    RegistryAccess.Builder access = RegistryAccess.builder().retryPolicy(RetryPolicy.disabled());
    if (caPem != null) {
      access.caBundle(caPem);
    }
    Map<String, String> env =
        Map.of(
            "PULLSECRETS_REGISTRY_ID",
            REGISTRY_ID,
            "PULLSECRETS_SECRET",
            "dcd",
            "PULLSECRETS_NAMESPACES",
            "pullsecrets.io/pull=dcd",
            "PULLSECRETS_IMAGE",
            host + "/team/app:1.0");
    return TokenRotationJobs.run(
        kube(),
        client.credentialIssuer(),
        client.tokenSource(),
        env,
        access.build(),
        new PrintStream(screen, true, StandardCharsets.UTF_8));
  }

  private static KubeClient kube() {
    return KubeClient.builder(
            KubeTestClients.config(kubeServer, Credentials.token(KubeTestClients.TOKEN)))
        .retryPolicy(RetryPolicy.disabled())
        .sleeper(duration -> {})
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private List<String> printed() {
    return screen.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static void cluster(
      String host, String username, String password, Map<String, String> marks) {
    API.reset();
    kubeServer.stubFor(any(anyUrl()).willReturn(aResponse()));
    namespace("shop", true);
    namespace("staging", true);
    namespace("sandbox", false);
    for (String namespace : NAMESPACES) {
      PullSecret.Builder secret =
          PullSecret.named("dcd")
              .namespace(namespace)
              .addLabel("app.kubernetes.io/managed-by", "pullsecrets")
              .addAnnotation(Rotation.TOKEN_ID, OLD_TOKEN)
              .addCredential(RegistryCredential.of(host, username, password));
      marks.forEach(secret::addAnnotation);
      API.put("/api/v1/namespaces/" + namespace + "/secrets/dcd", secret.build().toJson());
    }
  }

  private static void namespace(String name, boolean selected) {
    String labels = selected ? "{\"pullsecrets.io/pull\": \"dcd\"}" : "{}";
    API.put(
        "/api/v1/namespaces/" + name,
        "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \""
            + name
            + "\", \"labels\": "
            + labels
            + "}}");
  }

  private static void ionosApi(String host) {
    ionosApi(host, "puller", "pullpw");
  }

  private static void ionosApi(String host, String username, String password) {
    ionos.resetAll();
    ionos.stubFor(
        get(urlPathEqualTo(BASE + REGISTRY_ID))
            .willReturn(
                okJson(
                    ("{\"id\":\"%s\",\"type\":\"registry\",\"href\":\"/registries/%s\","
                            + "\"metadata\":{\"state\":\"Running\"},\"properties\":{\"name\":"
                            + "\"team-images\",\"location\":\"de/fra\",\"hostname\":\"%s\"}}")
                        .formatted(REGISTRY_ID, REGISTRY_ID, host))));
    ionos.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(okJson(fixture("tokens.json"))));
    ionos.stubFor(
        post(urlPathEqualTo(TOKENS))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(issuedToken(username, password))));
    ionos.stubFor(
        delete(urlPathEqualTo(TOKENS + "/" + OLD_TOKEN)).willReturn(aResponse().withStatus(204)));
  }

  private static String issuedToken(String username, String password) {
    return ("{\"id\":\"%s\",\"type\":\"token\",\"href\":\"%s/%s\",\"metadata\":{\"state\":"
            + "\"enabled\"},\"properties\":{\"name\":\"kubernetes-pull\",\"credentials\":{"
            + "\"username\":\"%s\",\"password\":\"%s\"},\"expiryDate\":\"%s\","
            + "\"scopes\":[{\"name\":\"*\",\"type\":\"repository\",\"actions\":[\"pull\"]}],"
            + "\"status\":\"enabled\"}}")
        .formatted(NEW_TOKEN, TOKENS, NEW_TOKEN, username, password, NEW_EXPIRY);
  }

  private static String fixture(String name) {
    try (InputStream in = TokenRotationJobRunTest.class.getResourceAsStream("/ionos/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The data and annotations of both Secrets. */
  private static List<String> contents() {
    return NAMESPACES.stream()
        .map(
            namespace -> {
              var secret = API.object("/api/v1/namespaces/" + namespace + "/secrets/dcd");
              return secret.orElseThrow().path("data") + " " + secret(namespace).annotations();
            })
        .toList();
  }

  private static KubeObject secret(String namespace) {
    return KubeObject.of(
        API.object("/api/v1/namespaces/" + namespace + "/secrets/dcd").orElseThrow());
  }

  private static RegistryCredential credentialIn(String namespace) {
    String data =
        API.object("/api/v1/namespaces/" + namespace + "/secrets/dcd")
            .orElseThrow()
            .path("data")
            .path(PullSecret.DATA_KEY)
            .asText();
    return DockerConfig.parse(Base64.getDecoder().decode(data)).credentials().get(0);
  }
}
