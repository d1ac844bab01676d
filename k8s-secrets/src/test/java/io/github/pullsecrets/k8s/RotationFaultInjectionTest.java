package io.github.pullsecrets.k8s;

import static io.github.pullsecrets.k8s.RotationFixture.GRACE;
import static io.github.pullsecrets.k8s.RotationFixture.ISSUED;
import static io.github.pullsecrets.k8s.RotationFixture.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
}
