package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.pullsecrets.k8s.RotationFixture.ISSUED;
import static io.github.pullsecrets.k8s.RotationFixture.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rotating to a new Secret name: attach the new Secret, wait for the rollouts, detach and delete
 * the old one, revoke the old token; and the same stopped at every step and run again.
 */
class RotationNewSecretTest {

  private static final String NEW_NAME = "dcd-20260303-000000";

  private static final FakeKubeApi API = new FakeKubeApi();

  @RegisterExtension static WireMockExtension kubeServer = RotationFixture.kubeServer(API);

  @RegisterExtension static WireMockExtension registry = RotationFixture.registryServer();

  private RotationFixture fixture() {
    RotationFixture fixture =
        new RotationFixture(API, kubeServer, registry, ISSUED.plus(Duration.ofDays(61)));
    fixture.putDeployment("staging", "worker");
    return fixture;
  }

  private static Rotation.Builder newSecret(RotationFixture fixture) {
    return fixture.rotation().strategy(RotationStrategy.NEW_SECRET);
  }

  @Test
  void movesEveryReferenceToTheNewSecretAndDeletesTheOldOne() {
    RotationFixture fixture = fixture();

    RotationResult result = newSecret(fixture).build().run();

    assertThat(result.revokedTokenIds()).containsExactly(OLD);
    assertThat(fixture.referencedBy("shop", "api")).containsExactly(NEW_NAME);
    assertThat(fixture.referencedBy("staging", "worker")).containsExactly(NEW_NAME);
    assertThat(API.paths("/api/v1/namespaces/"))
        .containsExactly(
            "/api/v1/namespaces/shop/secrets/" + NEW_NAME,
            "/api/v1/namespaces/staging/secrets/" + NEW_NAME);
    KubeObject created =
        KubeObject.of(API.object("/api/v1/namespaces/staging/secrets/" + NEW_NAME).orElseThrow());
    assertThat(created.labels()).containsEntry("pullsecrets.io/rotation-of", "dcd");
    assertThat(created.annotations())
        .containsEntry(Rotation.TOKEN_ID, "tok-2")
        .doesNotContainKey(Rotation.ROTATION_STEP);
    assertThat(fixture.issuer.live()).containsExactly("tok-2");
  }

  @Test
  void theNextRotationReplacesTheRotatedSecret() {
    RotationFixture fixture = fixture();
    newSecret(fixture).build().run();
    fixture.clock.advance(Duration.ofDays(61));

    RotationResult result = newSecret(fixture).build().run();

    String second = "dcd-20260503-001000";
    assertThat(result.revokedTokenIds()).containsExactly("tok-2");
    assertThat(fixture.referencedBy("shop", "api")).containsExactly(second);
    assertThat(API.paths("/api/v1/namespaces/shop/secrets/"))
        .containsExactly("/api/v1/namespaces/shop/secrets/" + second);
  }

  @ParameterizedTest(name = "stopped after step {0} of 8")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void aSecondRunAfterAStopAtAnyStepFinishesWithNoDanglingReference(int stopAfter) {
    RotationFixture fixture = fixture();
    AtomicInteger seen = new AtomicInteger();
    Rotation stopping =
        newSecret(fixture)
            .listener(
                event -> {
                  if (seen.incrementAndGet() == stopAfter) {
                    throw new IllegalStateException("crash after " + event.step());
                  }
                })
            .build();

    assertThatThrownBy(stopping::run).hasMessageStartingWith("crash after");
    assertThat(fixture.missingReferencedSecrets()).isEmpty();
    newSecret(fixture).build().run();

    List<String> secrets = API.paths("/api/v1/namespaces/");
    assertThat(secrets).hasSize(2).allMatch(path -> path.contains("/secrets/dcd-2026"));
    String name = secrets.get(0).substring(secrets.get(0).lastIndexOf('/') + 1);
    assertThat(fixture.referencedBy("shop", "api")).containsExactly(name);
    assertThat(fixture.referencedBy("staging", "worker")).containsExactly(name);
    assertThat(fixture.missingReferencedSecrets()).isEmpty();
    String token =
        KubeObject.of(API.object(secrets.get(0)).orElseThrow())
            .annotations()
            .get(Rotation.TOKEN_ID);
    assertThat(fixture.issuer.live()).containsExactly(token);
    assertThat(fixture.issuer.all()).hasSize(stopAfter <= 2 ? 3 : 2);
  }

  @Test
  void anUnfinishedRolloutKeepsTheOldSecretAndTokenUntilALaterRunSeesItDone() {
    RotationFixture fixture =
        new RotationFixture(API, kubeServer, registry, ISSUED.plus(Duration.ofDays(61)));
    API.holdRollouts();
    Rotation rotation = newSecret(fixture).rolloutTimeout(Duration.ofSeconds(1)).build();

    assertThatThrownBy(rotation::run)
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("did not roll out with " + NEW_NAME);
    assertThatThrownBy(rotation::run)
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("did not roll out with " + NEW_NAME);

    assertThat(API.object(RotationFixture.secretPath("shop"))).isPresent();
    assertThat(API.object(RotationFixture.secretPath("staging"))).isPresent();
    assertThat(fixture.referencedBy("shop", "api")).containsExactlyInAnyOrder(NEW_NAME, "dcd");
    assertThat(fixture.issuer.live()).containsExactly(OLD, "tok-2");
    assertThat(fixture.issuer.revocations()).isEmpty();

    API.finishRollouts();
    RotationResult result = rotation.run();

    assertThat(result.resumed()).isTrue();
    assertThat(result.revokedTokenIds()).containsExactly(OLD);
    assertThat(fixture.referencedBy("shop", "api")).containsExactly(NEW_NAME);
    assertThat(API.paths("/api/v1/namespaces/"))
        .containsExactly(
            "/api/v1/namespaces/shop/secrets/" + NEW_NAME,
            "/api/v1/namespaces/staging/secrets/" + NEW_NAME);
    assertThat(fixture.issuer.live()).containsExactly("tok-2");
  }

  @Test
  void movesAServiceAccountEntryAndKeepsItsOtherEntries() {
    RotationFixture fixture = fixture();
    fixture.putServiceAccount("shop", "default", "mirror", "dcd");
    fixture.putServiceAccount("staging", "builder", "dcd");

    newSecret(fixture)
        .requireReference("shop", ResourceKind.SERVICE_ACCOUNT, "default")
        .build()
        .run();

    assertThat(fixture.serviceAccountPullSecrets("shop", "default"))
        .containsExactly("mirror", NEW_NAME);
    assertThat(fixture.serviceAccountPullSecrets("staging", "builder")).containsExactly(NEW_NAME);
    assertThat(API.paths("/api/v1/namespaces/shop/secrets/"))
        .containsExactly("/api/v1/namespaces/shop/secrets/" + NEW_NAME);
    assertThat(fixture.issuer.live()).containsExactly("tok-2");
    kubeServer.verify(
        2,
        patchRequestedFor(urlPathEqualTo("/api/v1/namespaces/shop/serviceaccounts/default"))
            .withHeader("Content-Type", containing("application/json-patch+json"))
            .withRequestBody(matchingJsonPath("$[0].op", equalTo("test"))));
  }
}
