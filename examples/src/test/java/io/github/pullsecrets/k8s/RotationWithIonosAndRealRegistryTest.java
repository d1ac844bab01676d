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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.auth.testing.RegistryExtension;
import io.github.pullsecrets.auth.testing.TestRegistries;
import io.github.pullsecrets.registry.ContainerRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rotation end to end with the real parts it joins: the IONOS token API (WireMock stubs written
 * from the contract), a real docker-registry with token auth checking that the new token can pull,
 * and a Kubernetes API server holding the Secrets.
 */
class RotationWithIonosAndRealRegistryTest {

  private static final String BASE = "/containerregistries";
  private static final String REGISTRY_ID = "0f8a4b2c-7d3e-4a1b-9c5d-6e7f8a9b0c1d";
  private static final String OLD_TOKEN = "11111111-2222-4333-8444-555555555555";
  private static final String NEW_TOKEN = "5b0c7e1a-2f3d-4c5b-8a9e-1d2c3b4a5f6e";
  private static final String SECOND_TOKEN = "6c1d8f2b-3a4e-4d6c-9b0f-2e3d4c5b6a7f";
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

  @Test
  void issuesAnIonosTokenProvesItPullsFromTheRealRegistryThenRevokesTheOldOne() {
    TestRegistries real = registries.get();
    clusterWithSecretsFor(real.tokenHost());
    ionosApi(real.tokenHost());
    List<RotationStep> steps = new ArrayList<>();
    int tokenRequestsBefore = real.issuer().requests().size();

    RotationResult result = rotation(real).listener(e -> steps.add(e.step())).build().run();

    assertThat(result.outcome()).isEqualTo(RotationOutcome.COMPLETED);
    assertThat(result.revokedTokenIds()).containsExactly(OLD_TOKEN);
    assertThat(steps).contains(RotationStep.VERIFIED, RotationStep.REVOKED);
    assertThat(credentialIn("shop").username()).isEqualTo("puller");
    assertThat(credentialIn("staging").password()).isEqualTo("pullpw");
    assertThat(credentialIn("staging").server()).isEqualTo(real.tokenHost());
    assertThat(
            real.issuer().requests().subList(tokenRequestsBefore, real.issuer().requests().size()))
        .anySatisfy(query -> assertThat(query).contains("account=puller").contains("team"));
    ionos.verify(1, postRequestedFor(urlPathEqualTo(tokensPath())));
    ionos.verify(1, deleteRequestedFor(urlPathEqualTo(tokensPath() + "/" + OLD_TOKEN)));
  }

  @Test
  void revokesTheNewTokenAndChangesNothingWhenItCannotPull() {
    TestRegistries real = registries.get();
    clusterWithSecretsFor(real.tokenHost());
    ionosApiIssuing(real.tokenHost(), "other", "otherpw");

    Throwable failure = catchThrowable(() -> rotation(real).build().run());

    assertThat(failure).isInstanceOf(RotationException.class);
    assertThat(credentialIn("shop").username()).isEqualTo("alice");
    ionos.verify(1, deleteRequestedFor(urlPathEqualTo(tokensPath() + "/" + NEW_TOKEN)));
    ionos.verify(0, deleteRequestedFor(urlPathEqualTo(tokensPath() + "/" + OLD_TOKEN)));
  }

  @ParameterizedTest(name = "stopped after step {0} of 8")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void finishesAfterAStopAtAnyStepWithOneIonosTokenInEverySecret(int stopAfter) {
    TestRegistries real = registries.get();
    clusterWithSecretsFor(real.tokenHost());
    ionosApiIssuingTwoTokens(real.tokenHost());
    AtomicInteger seen = new AtomicInteger();
    Rotation stopping =
        rotation(real)
            .listener(
                event -> {
                  if (seen.incrementAndGet() == stopAfter) {
                    throw new IllegalStateException("crash after " + event.step());
                  }
                })
            .build();

    assertThatThrownBy(stopping::run).hasMessageStartingWith("crash after");
    rotation(real).build().run();

    String current = tokenIdIn("shop");
    int issued = stopAfter <= 2 ? 2 : 1;
    assertThat(tokenIdIn("staging")).isEqualTo(current);
    assertThat(current).isEqualTo(issued == 2 ? SECOND_TOKEN : NEW_TOKEN);
    assertThat(credentialIn("shop").username()).isEqualTo("puller");
    assertThat(credentialIn("staging").password()).isEqualTo("pullpw");
    ionos.verify(issued, postRequestedFor(urlPathEqualTo(tokensPath())));
    // A run stopped right after revoking revokes again; the API's 404 then counts as done.
    int revokes = stopAfter == 7 ? 2 : 1;
    ionos.verify(revokes, deleteRequestedFor(urlPathEqualTo(tokensPath() + "/" + OLD_TOKEN)));
    ionos.verify(issued - 1, deleteRequestedFor(urlPathEqualTo(tokensPath() + "/" + NEW_TOKEN)));
  }

  private Rotation.Builder rotation(TestRegistries real) {
    ContainerRegistryClient client =
        ContainerRegistryClient.builder()
            .baseUrl(ionos.baseUrl())
            .bearerToken("ionos-api-token")
            .retryPolicy(RetryPolicy.disabled())
            .build();
    return Rotation.builder(KubeTestClients.client(kubeServer), client.credentialIssuer())
        .registry(REGISTRY_ID)
        .secretName("dcd")
        .namespaces("shop", "staging")
        .requireReference("shop", ResourceKind.DEPLOYMENT, "api")
        .lifetime(Duration.ofDays(90))
        .grace(Duration.ofMinutes(10))
        .sleeper(duration -> {})
        .registryAccess(
            RegistryAccess.builder()
                .caBundle(real.caPem())
                .retryPolicy(RetryPolicy.disabled())
                .build());
  }

  private static void clusterWithSecretsFor(String host) {
    API.reset();
    kubeServer.stubFor(any(anyUrl()).willReturn(aResponse()));
    for (String namespace : List.of("shop", "staging")) {
      PullSecret secret =
          PullSecret.named("dcd")
              .namespace(namespace)
              .addLabel("app.kubernetes.io/managed-by", "pullsecrets")
              .addAnnotation(Rotation.TOKEN_ID, OLD_TOKEN)
              .addCredential(
                  RegistryCredential.of(host, TestRegistries.ALICE, TestRegistries.ALICE_PASSWORD))
              .build();
      API.put("/api/v1/namespaces/" + namespace + "/secrets/dcd", secret.toJson());
    }
    API.put(
        "/apis/apps/v1/namespaces/shop/deployments/api",
        ("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"api\","
                + "\"namespace\":\"shop\",\"generation\":1},\"spec\":{\"template\":{\"spec\":{"
                + "\"imagePullSecrets\":[{\"name\":\"dcd\"}],\"containers\":[{\"name\":\"app\","
                + "\"image\":\"%s/team/app:1.0\"}]}}},\"status\":{\"observedGeneration\":1}}")
            .formatted(host));
  }

  private static void ionosApi(String host) {
    ionosApiIssuing(host, "puller", "pullpw");
  }

  private static void ionosApiIssuing(String host, String username, String password) {
    ionos.resetAll();
    ionos.stubFor(
        get(urlPathEqualTo(BASE + "/registries/" + REGISTRY_ID))
            .willReturn(okJson(registry(host))));
    ionos.stubFor(
        post(urlPathEqualTo(tokensPath()))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(token(username, password))));
    ionos.stubFor(
        delete(urlPathEqualTo(tokensPath() + "/" + OLD_TOKEN))
            .willReturn(aResponse().withStatus(204)));
    ionos.stubFor(
        delete(urlPathEqualTo(tokensPath() + "/" + NEW_TOKEN))
            .willReturn(aResponse().withStatus(204)));
  }

  private static void ionosApiIssuingTwoTokens(String host) {
    ionosApi(host);
    ionos.stubFor(
        delete(urlPathEqualTo(tokensPath() + "/" + OLD_TOKEN))
            .inScenario("revoke")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(204))
            .willSetStateTo("revoked"));
    ionos.stubFor(
        delete(urlPathEqualTo(tokensPath() + "/" + OLD_TOKEN))
            .inScenario("revoke")
            .whenScenarioStateIs("revoked")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"httpStatus\":404,\"messages\":[{\"errorCode\":\"404\","
                            + "\"message\":\"token not found\"}]}")));
    ionos.stubFor(
        post(urlPathEqualTo(tokensPath()))
            .inScenario("issue")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(created(token(NEW_TOKEN, "puller", "pullpw")))
            .willSetStateTo("issued once"));
    ionos.stubFor(
        post(urlPathEqualTo(tokensPath()))
            .inScenario("issue")
            .whenScenarioStateIs("issued once")
            .willReturn(created(token(SECOND_TOKEN, "puller", "pullpw"))));
  }

  private static ResponseDefinitionBuilder created(String body) {
    return aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String tokenIdIn(String namespace) {
    return KubeObject.of(
            API.object("/api/v1/namespaces/" + namespace + "/secrets/dcd").orElseThrow())
        .annotations()
        .get(Rotation.TOKEN_ID);
  }

  private static String registry(String host) {
    return ("{\"id\":\"%s\",\"type\":\"registry\",\"href\":\"/registries/%s\","
            + "\"metadata\":{\"state\":\"Running\"},\"properties\":{\"name\":\"team-images\","
            + "\"location\":\"de/fra\",\"hostname\":\"%s\"}}")
        .formatted(REGISTRY_ID, REGISTRY_ID, host);
  }

  private static String token(String username, String password) {
    return token(NEW_TOKEN, username, password);
  }

  private static String token(String id, String username, String password) {
    Instant expiry = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
    return ("{\"id\":\"%s\",\"type\":\"token\",\"href\":\"%s/%s\",\"metadata\":{\"state\":\"enabled\"},"
                + "\"properties\":{\"name\":\"kubernetes-pull\",\"credentials\":{\"username\":\"%s\","
                + "\"password\":\"%s\"},\"expiryDate\":\"%s\",\"scopes\":[{\"name\":\"*\","
                + "\"type\":\"repository\",\"actions\":[\"pull\"]}],\"status\":\"enabled\"}}")
        .formatted(id, tokensPath(), id, username, password, expiry);
  }

  private static String tokensPath() {
    return BASE + "/registries/" + REGISTRY_ID + "/tokens";
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
