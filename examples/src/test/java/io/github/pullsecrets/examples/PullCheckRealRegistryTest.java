package io.github.pullsecrets.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.testing.RegistryExtension;
import io.github.pullsecrets.auth.testing.TestRegistries;
import io.github.pullsecrets.k8s.PullSecret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PullCheck reading a Secret from a file and asking the real token-auth registry with each
 * credential in the kubelet's order: the most specific key first.
 */
class PullCheckRealRegistryTest {

  @RegisterExtension static final RegistryExtension REGISTRIES = new RegistryExtension();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private static TestRegistries registries() {
    return REGISTRIES.get();
  }

  @Test
  void triesTheMostSpecificEntryFirstThenTheHostEntryThatCanPull() throws IOException {
    String host = registries().tokenHost();
    Path secret =
        secretFile(
            RegistryCredential.of(host + "/team/app", "other", "otherpw"),
            RegistryCredential.of(host, "puller", "pullpw"));

    int status = run(secret, host + "/team/app:1.0");

    List<String> lines = printed().lines().toList();
    assertThat(status).isZero();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("regcred[" + host + "/team/app] key=" + host + "/team/app user=other: ")
        .contains("cannot pull")
        .contains("NO_ACCESS");
    assertThat(lines.get(1))
        .isEqualTo(
            "regcred["
                + host
                + "] key="
                + host
                + " user=puller: can pull "
                + registries().digest());
  }

  @Test
  void failsWhenNoCredentialOfTheFileCanPull() throws IOException {
    String host = registries().tokenHost();
    Path secret =
        secretFile(
            RegistryCredential.of(host + "/team", "puller", "wrong"),
            RegistryCredential.of("http://" + host, "other", "otherpw"));

    int status = run(secret, host + "/team/app:1.0");

    List<String> lines = printed().lines().toList();
    assertThat(status).isEqualTo(1);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("user=puller: cannot pull").contains("BAD_CREDENTIALS");
    assertThat(lines.get(1)).contains("user=other: cannot pull").contains("NO_ACCESS");
    assertThat(printed()).doesNotContain("wrong").doesNotContain("otherpw");
  }

  private int run(Path secret, String image) throws IOException {
    Path ca = registries().newDirectory("ca").resolve("ca.pem");
    Files.writeString(ca, registries().caPem());
    List<String> args = List.of("--ca-bundle", ca.toString(), secret.toString(), image);
    PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
    return PullCheck.run(args, new ByteArrayInputStream(new byte[0]), printer);
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Path secretFile(RegistryCredential... credentials) throws IOException {
    PullSecret.Builder secret = PullSecret.named("regcred");
    for (RegistryCredential credential : credentials) {
      secret.addCredential(credential);
    }
    Path file = registries().newDirectory("secret").resolve("regcred.yaml");
    Files.writeString(file, secret.build().toYaml());
    return file;
  }
}
