package io.github.pullsecrets.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.pullsecrets.auth.RegistryCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DockerConfigSecretTest {

  private static final RegistryCredential ALICE =
      RegistryCredential.of("registry.example.com", "alice", "s3cret");

  @Test
  void matchesKubectlByteForByte() throws IOException {
    assertThat(DockerConfigSecret.render("regcred", "", ALICE))
        .isEqualTo(vector("kubectl-secret-noemail.v1.32.json"));
  }

  @Test
  void matchesKubectlWithANamespace() throws IOException {
    assertThat(DockerConfigSecret.render("regcred", "team-a", ALICE))
        .isEqualTo(vector("kubectl-secret-namespace.v1.32.json"));
  }

  @Test
  void theRedactedFormHoldsNoCredential() {
    assertThat(DockerConfigSecret.redacted("regcred", "shop"))
        .contains("\".dockerconfigjson\": \"<redacted>\"", "\"namespace\": \"shop\"");
  }

  private static String vector(String name) throws IOException {
    Path file = Path.of(System.getProperty("pullsecrets.shared.dir", "../shared"),
        "vectors", "kubectl-secret", name);
    assumeThat(file).as("kubectl vectors from the shared folder").exists();
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
