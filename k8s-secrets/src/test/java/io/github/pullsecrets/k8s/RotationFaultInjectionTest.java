package io.github.pullsecrets.k8s;

import static io.github.pullsecrets.k8s.RotationFixture.GRACE;
import static io.github.pullsecrets.k8s.RotationFixture.ISSUED;
import static io.github.pullsecrets.k8s.RotationFixture.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.CredentialIssuer;
import io.github.pullsecrets.auth.CredentialRequest;
import io.github.pullsecrets.auth.IssuedCredential;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stops a rotation at each step boundary (the listener throws, as a crash there would), runs it
 * again, and checks the end state.
 */
class RotationFaultInjectionTest {

  /** ISSUED, VERIFIED, STORED shop, STORED staging, SWITCHED, GRACE_ELAPSED, REVOKED, COMPLETED. */
  private static final int STEPS = 8;

  private static final FakeKubeApi API = new FakeKubeApi();

  @RegisterExtension static WireMockExtension kubeServer = RotationFixture.kubeServer(API);

  @RegisterExtension static WireMockExtension registry = RotationFixture.registryServer();

  @ParameterizedTest(name = "stopped after step {0} of " + STEPS)
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void aSecondRunAfterAStopAtAnyStepLeavesOneValidTokenInEverySecret(int stopAfter) {
    RotationFixture fixture =
        new RotationFixture(API, kubeServer, registry, ISSUED.plus(Duration.ofDays(61)));
    AtomicInteger seen = new AtomicInteger();

    Rotation stopping =
        fixture
            .rotation()
            .listener(
                event -> {
                  if (seen.incrementAndGet() == stopAfter) {
                    throw new IllegalStateException("crash after " + event.step());
                  }
                })
            .build();

    assertThatThrownBy(stopping::run).hasMessageStartingWith("crash after");
    assertThat(fixture.missingReferencedSecrets()).isEmpty();
    fixture.rotation().build().run();

    String current = fixture.annotations("shop").get(Rotation.TOKEN_ID);
    assertThat(fixture.annotations("staging")).containsEntry(Rotation.TOKEN_ID, current);
    assertThat(current).isNotEqualTo(OLD);
    assertThat(fixture.issuer.live()).containsExactly(current);
    assertThat(fixture.password("shop")).isEqualTo(fixture.issuer.password(current));
    assertThat(fixture.password("staging")).isEqualTo(fixture.issuer.password(current));
    for (String namespace : List.of("shop", "staging")) {
      assertThat(fixture.annotations(namespace))
          .doesNotContainKeys(
              Rotation.ROTATION_STEP, Rotation.ROTATION_REPLACES, Rotation.ROTATION_SWITCHED_AT);
    }
    assertThat(fixture.missingReferencedSecrets()).isEmpty();
    assertThat(fixture.sleeps.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(GRACE);
    int issued = fixture.issuer.all().size() - 1;
    assertThat(issued).as("tokens issued").isEqualTo(stopAfter <= 2 ? 2 : 1);
  }

  @ParameterizedTest(name = "killed after step {0}")
  @ValueSource(ints = {1, 2})
  void aTokenIssuedByAKilledRunIsFoundByNameAndRevokedByTheNextRun(int killAfter) {
    RotationFixture fixture =
        new RotationFixture(API, kubeServer, registry, ISSUED.plus(Duration.ofDays(61)));

    assertThatThrownBy(killedAfter(fixture, fixture.issuer, killAfter)::run)
        .isInstanceOf(Killed.class);
    String lost = lostToken(fixture);
    assertThat(fixture.annotations("shop"))
        .containsEntry(Rotation.TOKEN_ID, OLD)
        .containsKey(Rotation.ROTATION_ISSUING);
    fixture.rotation().build().run();

    String current = fixture.annotations("shop").get(Rotation.TOKEN_ID);
    assertThat(current).isNotIn(OLD, lost);
    assertThat(fixture.issuer.revocations()).containsExactlyInAnyOrder(lost, OLD);
    assertThat(fixture.issuer.live()).containsExactly(current);
    for (String namespace : List.of("shop", "staging")) {
      assertThat(fixture.annotations(namespace))
          .containsEntry(Rotation.TOKEN_ID, current)
          .doesNotContainKey(Rotation.ROTATION_ISSUING);
    }
  }

  @Test
  void anIssuerThatCannotFindTokensByNameLeavesTheLostOneAndTheRunStillFinishes() {
    RotationFixture fixture =
        new RotationFixture(API, kubeServer, registry, ISSUED.plus(Duration.ofDays(61)));
    CredentialIssuer withoutLookup =
        new CredentialIssuer() {
          @Override
          public IssuedCredential issue(CredentialRequest request) {
            return fixture.issuer.issue(request);
          }

          @Override
          public void revoke(String registry, String credentialId) {
            fixture.issuer.revoke(registry, credentialId);
          }
        };

    assertThatThrownBy(killedAfter(fixture, withoutLookup, 1)::run).isInstanceOf(Killed.class);
    String lost = lostToken(fixture);
    fixture.rotation(withoutLookup).build().run();

    String current = fixture.annotations("shop").get(Rotation.TOKEN_ID);
    assertThat(fixture.issuer.live()).containsExactlyInAnyOrder(lost, current);
    assertThat(fixture.annotations("shop")).doesNotContainKey(Rotation.ROTATION_ISSUING);
  }

  /** A rotation whose process dies after a step: an Error, so that no cleanup code runs. */
  private static Rotation killedAfter(
      RotationFixture fixture, CredentialIssuer issuer, int killAfter) {
    AtomicInteger seen = new AtomicInteger();
    return fixture
        .rotation(issuer)
        .listener(
            event -> {
              if (seen.incrementAndGet() == killAfter) {
                throw new Killed();
              }
            })
        .build();
  }

  private static String lostToken(RotationFixture fixture) {
    List<String> live = fixture.issuer.live();
    assertThat(live).hasSize(2).contains(OLD);
    return live.stream().filter(id -> !id.equals(OLD)).findFirst().orElseThrow();
  }

  /** Stands for the process being killed: not a RuntimeException, so no catch block sees it. */
  private static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("killed");
    }
  }
}
