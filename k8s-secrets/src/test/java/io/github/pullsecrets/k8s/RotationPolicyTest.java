package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a token is due, at the exact boundaries. */
class RotationPolicyTest {

  private static final Instant ISSUED = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(90));

  @Test
  void twoThirdsOfNinetyDaysIsDueFromDaySixty() {
    RotationPolicy policy = RotationPolicy.atFractionOfLifetime(2, 3);
    Instant boundary = ISSUED.plus(Duration.ofDays(60));

    assertThat(policy.dueAt(ISSUED, EXPIRES)).isEqualTo(boundary);
    assertThat(policy.isDue(ISSUED, EXPIRES, boundary.minusNanos(1))).isFalse();
    assertThat(policy.isDue(ISSUED, EXPIRES, boundary)).isTrue();
    assertThat(policy.isDue(ISSUED, EXPIRES, EXPIRES.plusSeconds(1))).isTrue();
  }

  @Test
  void twoThirdsOfALifetimeNotDivisibleByThreeRoundsDownToTheNanosecond() {
    RotationPolicy policy = RotationPolicy.atFractionOfLifetime(2, 3);
    Instant expires = ISSUED.plusSeconds(10);

    assertThat(policy.dueAt(ISSUED, expires)).isEqualTo(ISSUED.plusNanos(6_666_666_666L));
  }

  @Test
  void fewerThanSevenDaysLeftIsDueSevenDaysBeforeExpiry() {
    RotationPolicy policy = RotationPolicy.whenFewerDaysThan(7);
    Instant boundary = EXPIRES.minus(Duration.ofDays(7));

    assertThat(policy.isDue(ISSUED, EXPIRES, boundary.minusMillis(1))).isFalse();
    assertThat(policy.isDue(ISSUED, EXPIRES, boundary)).isTrue();
  }

  @Test
  void aTokenShorterThanTheMarginIsDueAtOnce() {
    RotationPolicy policy = RotationPolicy.whenLessThan(Duration.ofDays(30));
    Instant expires = ISSUED.plus(Duration.ofDays(10));

    assertThat(policy.isDue(ISSUED, expires, ISSUED)).isTrue();
  }

  @Test
  void zeroFractionIsAlwaysDue() {
    assertThat(RotationPolicy.atFractionOfLifetime(0, 1).isDue(ISSUED, EXPIRES, ISSUED)).isTrue();
  }

  @Test
  void rejectsFractionsOutsideZeroToOne() {
    assertThatThrownBy(() -> RotationPolicy.atFractionOfLifetime(3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fraction must be at least 0 and below 1: 3/3");
    assertThatThrownBy(() -> RotationPolicy.atFractionOfLifetime(-1, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsANonPositiveMargin() {
    assertThatThrownBy(() -> RotationPolicy.whenLessThan(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("remaining must be positive: PT0S");
  }

  @Test
  void rejectsATokenThatExpiresBeforeItWasIssued() {
    RotationPolicy policy = RotationPolicy.whenFewerDaysThan(1);

    assertThatThrownBy(() -> policy.dueAt(EXPIRES, ISSUED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before it was issued");
  }

  @Test
  void describesItsRule() {
    assertThat(RotationPolicy.atFractionOfLifetime(2, 3))
        .hasToString("RotationPolicy{at 2/3 of the lifetime}");
    assertThat(RotationPolicy.whenFewerDaysThan(7))
        .hasToString("RotationPolicy{when less than PT168H remains}");
  }
}
