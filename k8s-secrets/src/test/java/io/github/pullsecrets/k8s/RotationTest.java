package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.pullsecrets.k8s.RotationFixture.GRACE;
import static io.github.pullsecrets.k8s.RotationFixture.ISSUED;
import static io.github.pullsecrets.k8s.RotationFixture.MANIFEST;
import static io.github.pullsecrets.k8s.RotationFixture.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.AccessOutcome;
import io.github.pullsecrets.auth.RegistryCredential;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rotating a pull Secret in place, against a fake API server and a WireMock registry. */
class RotationTest {

  private static final FakeKubeApi API = new FakeKubeApi();

  @RegisterExtension static WireMockExtension kubeServer = RotationFixture.kubeServer(API);

  @RegisterExtension static WireMockExtension registry = RotationFixture.registryServer();

  private RotationFixture fixture(Duration sinceIssue) {
    return new RotationFixture(API, kubeServer, registry, ISSUED.plus(sinceIssue));
  }

  @Test
  void replacesTheTokenInEveryNamespaceAndRevokesTheOldOneAfterTheGracePeriod() {
    RotationFixture fixture = fixture(Duration.ofDays(61));
    List<RotationEvent> events = new ArrayList<>();

    RotationResult result = fixture.rotation().listener(events::add).build().run();

    assertThat(result.outcome()).isEqualTo(RotationOutcome.COMPLETED);
    assertThat(result.tokenId()).contains("tok-2");
    assertThat(result.revokedTokenIds()).containsExactly(OLD);
    assertThat(result.resumed()).isFalse();
    assertThat(fixture.issuer.live()).containsExactly("tok-2");
    assertThat(fixture.password("shop")).isEqualTo(fixture.issuer.password("tok-2"));
    assertThat(fixture.password("staging")).isEqualTo(fixture.issuer.password("tok-2"));
    assertThat(fixture.annotations("staging"))
        .containsEntry(Rotation.TOKEN_ID, "tok-2")
        .containsEntry(Rotation.TOKEN_ISSUED_AT, ISSUED.plus(Duration.ofDays(61)).toString())
        .containsEntry(Rotation.TOKEN_EXPIRES_AT, ISSUED.plus(Duration.ofDays(151)).toString())
        .doesNotContainKeys(
            Rotation.ROTATION_STEP, Rotation.ROTATION_REPLACES, Rotation.ROTATION_SWITCHED_AT);
    assertThat(fixture.sleeps).containsExactly(GRACE);
    assertThat(events)
        .extracting(RotationEvent::step)
        .containsExactly(
            RotationStep.ISSUED,
            RotationStep.VERIFIED,
            RotationStep.STORED,
            RotationStep.STORED,
            RotationStep.SWITCHED,
            RotationStep.GRACE_ELAPSED,
            RotationStep.REVOKED,
            RotationStep.COMPLETED);
    registry.verify(
        1,
        headRequestedFor(urlPathEqualTo(MANIFEST))
            .withHeader("Authorization", matching("Basic .+")));
  }

  @Test
  void refusesASecretThatAlsoHoldsAnotherRegistryBeforeIssuingAnything() {
    RotationFixture fixture = fixture(Duration.ofDays(61));
    PullSecret twoRegistries =
        PullSecret.named(RotationFixture.SECRET)
            .namespace("staging")
            .addLabel("app.kubernetes.io/managed-by", "pullsecrets")
            .addAnnotation(Rotation.TOKEN_ID, OLD)
            .addCredential(RegistryCredential.of(fixture.host(), "robot-old", "pw-old"))
            .addCredential(RegistryCredential.of("quay.io", "someone", "pw-quay"))
            .build();
    API.put(RotationFixture.secretPath("staging"), twoRegistries.toJson());

    assertThatThrownBy(() -> fixture.rotation().build().run())
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("Secret staging/dcd holds credentials for 2 registries")
        .hasMessageNotContaining("pw-");

    assertThat(fixture.issuer.all()).hasSize(1);
    assertThat(fixture.secret("staging").path("data").path(PullSecret.DATA_KEY).asText())
        .isEqualTo(
            java.util.Base64.getEncoder()
                .encodeToString(twoRegistries.dockerConfig().toJsonBytes()));
  }

  @Test
  void revokesOnlyAfterEverySecretCarriesTheNewToken() {
    RotationFixture fixture = fixture(Duration.ofDays(61));
    List<String> liveAtSwitch = new ArrayList<>();

    fixture
        .rotation()
        .listener(
            event -> {
              if (event.step() == RotationStep.SWITCHED) {
                liveAtSwitch.addAll(fixture.issuer.live());
              }
            })
        .build()
        .run();

    assertThat(liveAtSwitch).containsExactly(OLD, "tok-2");
    assertThat(fixture.issuer.revocations()).containsExactly(OLD);
  }

  @Test
  void doesNothingBeforeTwoThirdsOfTheLifetime() {
    RotationFixture fixture = fixture(Duration.ofDays(60).minusSeconds(1));

    RotationResult result = fixture.rotation().build().run();

    assertThat(result.outcome()).isEqualTo(RotationOutcome.NOT_DUE);
    assertThat(result.tokenId()).contains(OLD);
    assertThat(result.dueAt()).contains(ISSUED.plus(Duration.ofDays(60)));
    assertThat(fixture.issuer.all()).hasSize(1);
    kubeServer.verify(0, putRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void rotatesExactlyAtTwoThirdsOfTheLifetime() {
    RotationFixture fixture = fixture(Duration.ofDays(60));

    RotationResult result = fixture.rotation().build().run();

    assertThat(result.outcome()).isEqualTo(RotationOutcome.COMPLETED);
  }

  @Test
  void aFailedPullCheckRevokesTheNewTokenAndLeavesEverySecretAsItWas() {
    RotationFixture fixture = fixture(Duration.ofDays(61));
    registry.stubFor(head(urlPathEqualTo(MANIFEST)).willReturn(aResponse().withStatus(403)));
    String before = withoutVersion(fixture.secret("shop"));
    String staging = fixture.secret("staging").toString();

    assertThatThrownBy(() -> fixture.rotation().build().run())
        .isInstanceOfSatisfying(
            RotationException.class,
            e -> {
              assertThat(e.access())
                  .hasValueSatisfying(
                      access -> assertThat(access.outcome()).isEqualTo(AccessOutcome.NO_ACCESS));
              assertThat(e.getMessage()).contains("tok-2 cannot pull").contains("revoked");
            });

    assertThat(fixture.issuer.live()).containsExactly(OLD);
    assertThat(fixture.issuer.revocations()).containsExactly("tok-2");
    assertThat(withoutVersion(fixture.secret("shop"))).isEqualTo(before);
    assertThat(fixture.secret("staging").toString()).isEqualTo(staging);
    // the only writes: the issuing mark on the first Secret, and its removal
    kubeServer.verify(2, putRequestedFor(urlPathMatching(".*")));
    kubeServer.verify(2, putRequestedFor(urlPathEqualTo(RotationFixture.secretPath("shop"))));
    kubeServer.verify(0, postRequestedFor(urlPathMatching(".*")));
    kubeServer.verify(0, patchRequestedFor(urlPathMatching(".*")));
  }

  private static String withoutVersion(JsonNode secret) {
    ObjectNode copy = secret.deepCopy();
    ((ObjectNode) copy.path("metadata")).remove("resourceVersion");
    return copy.toString();
  }

  @Test
  void aFailedFirstWriteRevokesTheNewToken() {
    RotationFixture fixture = fixture(Duration.ofDays(61));
    API.failNext("PUT", RotationFixture.secretPath("shop"), 1);

    assertThatThrownBy(() -> fixture.rotation().build().run())
        .isInstanceOfSatisfying(KubeApiException.class, e -> assertThat(e.code()).isEqualTo(500));

    assertThat(fixture.issuer.live()).containsExactly(OLD);
    assertThat(fixture.annotations("shop")).containsEntry(Rotation.TOKEN_ID, OLD);
  }

  @Test
  void aFailedLaterWriteKeepsTheStoredTokenAndTheNextRunFinishesWithIt() {
    RotationFixture fixture = fixture(Duration.ofDays(61));
    API.failNext("PUT", RotationFixture.secretPath("staging"), 1);

    assertThatThrownBy(() -> fixture.rotation().build().run()).isInstanceOf(KubeApiException.class);
    assertThat(fixture.issuer.live()).containsExactly(OLD, "tok-2");
    assertThat(fixture.annotations("shop")).containsEntry(Rotation.ROTATION_STEP, "stored");
    RotationResult result = fixture.rotation().build().run();

    assertThat(result.resumed()).isTrue();
    assertThat(fixture.issuer.all()).hasSize(2);
    assertThat(fixture.issuer.live()).containsExactly("tok-2");
    assertThat(fixture.password("staging")).isEqualTo(fixture.issuer.password("tok-2"));
  }

  @Test
  void createsTheSecretInANamespaceThatLacksIt() {
    RotationFixture fixture = fixture(Duration.ofDays(10));
    API.put(
        "/api/v1/namespaces/ci",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
            + "\"metadata\":{\"name\":\"ci\",\"labels\":{\"pull\":\"dcd\"}}}");
    API.put(
        "/api/v1/namespaces/shop",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
            + "\"metadata\":{\"name\":\"shop\",\"labels\":{\"pull\":\"dcd\"}}}");

    RotationResult result =
        fixture.rotation().namespacesMatching("pull=dcd").image(fixture.image()).build().run();

    assertThat(result.namespaces()).containsExactly("ci", "shop");
    assertThat(result.outcome()).isEqualTo(RotationOutcome.COMPLETED);
    assertThat(fixture.password("ci")).isEqualTo(fixture.issuer.password("tok-2"));
    assertThat(KubeObject.of(API.object(RotationFixture.secretPath("ci")).orElseThrow()).labels())
        .containsEntry("app.kubernetes.io/managed-by", "pullsecrets");
    assertThat(fixture.issuer.live()).containsExactly("tok-2");
  }

  @Test
  void stopsWhenTheSecretsShowTwoDifferentRotations() {
    RotationFixture fixture = fixture(Duration.ofDays(61));
    fixture.annotate("shop", "tok-a");
    fixture.annotate("staging", "tok-b");

    assertThatThrownBy(() -> fixture.rotation().build().run())
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("different tokens: [tok-a, tok-b]");

    assertThat(fixture.issuer.all()).hasSize(1);
    kubeServer.verify(0, putRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void attachesTheSecretToARequiredServiceAccountAndKeepsItsOtherEntries() {
    RotationFixture fixture = fixture(Duration.ofDays(61));
    fixture.putServiceAccount("shop", "default", "mirror");

    RotationResult result =
        fixture
            .rotation()
            .requireReference("shop", ResourceKind.SERVICE_ACCOUNT, "default")
            .build()
            .run();

    assertThat(result.outcome()).isEqualTo(RotationOutcome.COMPLETED);
    assertThat(fixture.serviceAccountPullSecrets("shop", "default"))
        .containsExactly("mirror", "dcd");
    assertThat(fixture.password("shop")).isEqualTo(fixture.issuer.password("tok-2"));
    assertThat(fixture.issuer.live()).containsExactly("tok-2");
    kubeServer.verify(
        1, patchRequestedFor(urlPathEqualTo("/api/v1/namespaces/shop/serviceaccounts/default")));
  }
}
