package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.pullsecrets.auth.RegistryCredential;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Puts a sentinel password through every code path of this module that handles one, and checks that
 * neither the sentinel nor its base64 forms reach a toString, an exception message or a log record,
 * with logging open at every level.
 */
class SentinelSecretTest {

  private static final String SENTINEL = "SENTINEL-s3cr3t-7f3a9c1e";
  private static final String USER = "robot";
  private static final Logger ROOT = Logger.getLogger("io.github.pullsecrets");
  private static final List<LogRecord> RECORDS = new ArrayList<>();
  private static final Handler CAPTURE =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          RECORDS.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private Level previousLevel;

  @BeforeEach
  void captureEveryLevel() {
    RECORDS.clear();
    previousLevel = ROOT.getLevel();
    ROOT.setLevel(Level.ALL);
    CAPTURE.setLevel(Level.ALL);
    ROOT.addHandler(CAPTURE);
  }

  @AfterEach
  void stopCapturing() {
    ROOT.removeHandler(CAPTURE);
    ROOT.setLevel(previousLevel);
  }

  @Test
  void neverShowsThePasswordInStringsMessagesOrLogs() {
    RegistryCredential credential = RegistryCredential.of("r.example.com", USER, SENTINEL);
    PullSecret.Builder builder = PullSecret.named("dcd").namespace("shop");
    builder.addCredential(credential);
    List<String> seen = new ArrayList<>();

    PullSecret secret = builder.build();
    seen.add(secret.toString());
    seen.add(builder.toString());
    seen.add(secret.dockerConfig().toString());
    seen.add(message(() -> secret.toBuilder().namespace("Bad_NS")));
    seen.add(message(() -> secret.toBuilder().addCredential(credential)));
    seen.add(message(() -> PullSecret.named("Bad_Name").addCredential(credential)));
    seen.add(
        message(
            () ->
                PullSecret.named("dcd")
                    .addCredential(RegistryCredential.of("r.example.com", "", SENTINEL))));

    assertThat(secret.dockerConfig().toJson()).contains(base64(USER + ":" + SENTINEL));
    assertThat(RECORDS).isNotEmpty();
    seen.addAll(logged());
    assertThat(seen)
        .hasSizeGreaterThanOrEqualTo(8)
        .allSatisfy(text -> assertNoSecret(text, secret));
  }

  @Test
  void neverShowsSecretValuesOfManifestsInReportsMessagesOrLogs() {
    String secretDocument =
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n"
            + "stringData: {password: "
            + SENTINEL
            + "}\ndata: {auth: "
            + base64(SENTINEL)
            + "}\n";
    String manifest = secretDocument + "---\nkind: Pod\nspec: {}\n";
    List<String> seen = new ArrayList<>();

    Manifests patched = Manifests.parse(manifest, ManifestFormat.YAML).attachPullSecret("dcd");
    patched.changes().forEach(change -> seen.add(change.toString()));
    seen.add(patched.toString());
    seen.add(message(() -> Manifests.parse(secretDocument + "oops: [", ManifestFormat.YAML)));
    seen.add(
        message(() -> Manifests.parse("{\"password\": " + SENTINEL + "}", ManifestFormat.JSON)));
    seen.add(
        message(
            () -> Manifests.parse("{\"password\": \"" + SENTINEL + "\",}", ManifestFormat.JSON)));
    seen.add(message(() -> Manifests.parse("password: *" + SENTINEL, ManifestFormat.YAML)));

    assertThat(RECORDS).isNotEmpty();
    seen.addAll(logged());
    assertThat(seen)
        .allSatisfy(
            text -> assertThat(text).doesNotContain(SENTINEL).doesNotContain(base64(SENTINEL)));
  }

  @Test
  void logsNothingAboveDebugOnTheHappyPath() {
    PullSecret.named("dcd").addCredential(RegistryCredential.of("r", USER, SENTINEL)).build();
    Manifests.parse("kind: Pod\nspec: {}\n", ManifestFormat.YAML).attachPullSecret("dcd").toYaml();

    assertThat(RECORDS)
        .isNotEmpty()
        .allSatisfy(
            record ->
                assertThat(record.getLevel().intValue())
                    .isLessThanOrEqualTo(Level.FINE.intValue()));
  }

  private static void assertNoSecret(String text, PullSecret secret) {
    String data = Base64.getEncoder().encodeToString(secret.dockerConfig().toJsonBytes());
    assertThat(text)
        .doesNotContain(SENTINEL)
        .doesNotContain(base64(SENTINEL))
        .doesNotContain(base64(USER + ":" + SENTINEL))
        .doesNotContain(data);
  }

  private static List<String> logged() {
    List<String> texts = new ArrayList<>();
    for (LogRecord record : RECORDS) {
      texts.add(String.valueOf(record.getMessage()));
      if (record.getThrown() != null) {
        texts.add(String.valueOf(record.getThrown()));
      }
    }
    return texts;
  }

  private static String message(Runnable action) {
    Throwable thrown = catchThrowable(action::run);
    assertThat(thrown).isNotNull();
    return thrown + " / " + thrown.getCause();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
