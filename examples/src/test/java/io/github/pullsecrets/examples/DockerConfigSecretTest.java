package io.github.pullsecrets.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.k8s.PullSecret;
import org.junit.jupiter.api.Test;

class DockerConfigSecretTest {

  @Test
  void showsTheSecretWithoutItsData() {
    PullSecret secret =
        PullSecret.named("regcred")
            .namespace("shop")
            .addCredential(RegistryCredential.of("r.io", "alice", "SENTINELpw"))
            .build();

    String shown = DockerConfigSecret.redacted(secret);

    assertThat(shown)
        .contains("\".dockerconfigjson\": \"<redacted>\"", "\"namespace\": \"shop\"")
        .doesNotContain("SENTINEL")
        .isEqualTo(secret.toJson().replaceAll("\"eyJ[^\"]*\"", "\"<redacted>\""));
  }
}
