package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultsRetryWithCappedBackoff() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.maxAttempts()).isEqualTo(4);
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.retries()).isTrue();
  }

  @Test
  void disabledMakesOneAttempt() {
    assertThat(RetryPolicy.disabled().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.disabled().retries()).isFalse();
  }

  @Test
  void rejectsInvalidComponentsNamingThem() {
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RetryPolicy.defaults().withJitter(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jitter");
    assertThatThrownBy(
            () -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBackoff");
  }
}
