package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialRequestTest {

  @Test
  void pullOnlyAsksForPullOnEveryRepository() {
    CredentialRequest request =
        CredentialRequest.pullOnly("team-images", "kubernetes-pull", Duration.ofDays(90));

    assertThat(request.scopes())
        .containsExactly(new CredentialScope("*", Set.of(CredentialScope.Action.PULL)));
    assertThat(request.lifetime()).isEqualTo(Duration.ofDays(90));
  }

  @Test
  void rejectsEmptyScopesAndNonPositiveLifetimes() {
    assertThatThrownBy(() -> new CredentialRequest("r", "n", List.of(), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scopes");
    assertThatThrownBy(() -> CredentialRequest.pullOnly("r", "n", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lifetime");
  }

  @Test
  void issuedCredentialNeverPrintsThePassword() {
    IssuedCredential issued =
        new IssuedCredential(
            "r",
            "id-1",
            RegistryCredential.of("r.cr.de-fra.ionos.com", "pull", "sentinel-password"),
            Instant.parse("2027-01-01T00:00:00Z"));

    assertThat(issued.toString())
        .contains("id-1", "r.cr.de-fra.ionos.com")
        .doesNotContain("sentinel-password");
  }
}
