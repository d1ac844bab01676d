package io.github.pullsecrets.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CronJob program's configuration. */
class TokenRotationJobTest {

  @Test
  void namesEveryMissingVariable() {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();

    Optional<TokenRotationJob.Settings> settings =
        TokenRotationJob.Settings.from(
            Map.of("PULLSECRETS_SECRET", "dcd"),
            new PrintStream(screen, true, StandardCharsets.UTF_8));

    assertThat(settings).isEmpty();
    assertThat(screen.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "missing environment variable PULLSECRETS_REGISTRY_ID",
            "missing environment variable PULLSECRETS_NAMESPACES",
            "missing environment variable PULLSECRETS_IMAGE");
  }

  @Test
  void readsTheSettingsAndTreatsABlankHostAsAbsent() {
    Map<String, String> env =
        Map.of(
            "PULLSECRETS_REGISTRY_ID", "reg-1",
            "PULLSECRETS_SECRET", "dcd",
            "PULLSECRETS_NAMESPACES", "pullsecrets.io/pull=dcd",
            "PULLSECRETS_IMAGE", "team.cr.de-fra.ionos.com/shop/api:1.4",
            "PULLSECRETS_REGISTRY_HOST", " ");

    Optional<TokenRotationJob.Settings> settings =
        TokenRotationJob.Settings.from(env, new PrintStream(new ByteArrayOutputStream()));

    assertThat(settings)
        .contains(
            new TokenRotationJob.Settings(
                "reg-1",
                "dcd",
                "pullsecrets.io/pull=dcd",
                "team.cr.de-fra.ionos.com/shop/api:1.4",
                Optional.empty()));
  }
}
