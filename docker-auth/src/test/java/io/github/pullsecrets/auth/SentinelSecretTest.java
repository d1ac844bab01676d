package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Puts one secret through every docker-auth path that could show it, and looks for it. */
class SentinelSecretTest {

  private static final String SENTINEL = "SENTINELs3cr3t7f1d";
  private static final String USER = "alice";

  @Test
  void credentialValuesNeverShowTheSecret() {
    RegistryCredential password = RegistryCredential.of("r.io", USER, SENTINEL);
    RegistryCredential token = RegistryCredential.withIdentityToken("r.io", USER, SENTINEL);
    DockerConfig config = DockerConfig.of(password);
    KubeletKeyring keyring = KubeletKeyring.builder().add("pull", config).build();

    List<String> shown = new ArrayList<>();
    shown.add(password.toString());
    shown.add(token.toString());
    shown.add(config.toString());
    shown.add(config.entries().toString());
    shown.add(DockerConfig.parse(config.toJson()).entries().toString());
    shown.add(keyring.lookup("r.io/app").toString());
    shown.add(keyring.toString());

    assertThat(shown).allSatisfy(SentinelSecretTest::assertNoSecret);
  }

  @Test
  void decodingErrorsNeverShowTheSecret() {
    String auth = base64(USER + ":" + SENTINEL);
    List<String> documents =
        List.of(
            "{\"auths\":{\"r.io\":{\"auth\":\"" + SENTINEL + "\"}}}",
            "{\"auths\":{\"r.io\":{\"auth\":\"" + base64(SENTINEL) + "\"}}}",
            "{\"auths\":{\"r.io\":{\"auth\":\"" + auth + "\",\"password\":{\"x\":1}}}}",
            "{\"auths\":{\"r.io\":{\"auth\":" + SENTINEL + "}}}",
            "{\"auths\":{\"r.io\":{\"password\":\"" + SENTINEL + "\"" + "}}",
            "{\"auths\":{\"r.io\":{\"password\":\"" + SENTINEL + "\\q\"}}}",
            SENTINEL);

    for (String document : documents) {
      Throwable thrown = catchThrowable(() -> DockerConfig.parse(document));
      assertThat(thrown).isInstanceOf(DockerConfigException.class);
      assertNoSecret(stackTrace(thrown));
      Throwable viaKeyring =
          catchThrowable(() -> KubeletKeyring.builder().addDockerConfigJson("pull", document));
      assertNoSecret(stackTrace(viaKeyring));
    }
  }

  private static void assertNoSecret(String text) {
    assertThat(text)
        .doesNotContain(SENTINEL)
        .doesNotContain(base64(SENTINEL))
        .doesNotContain(base64(USER + ":" + SENTINEL))
        .doesNotContain("SENTINEL");
  }

  private static String stackTrace(Throwable thrown) {
    StringWriter out = new StringWriter();
    thrown.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
