package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.pullsecrets.k8s.RotationFixture.ISSUED;
import static io.github.pullsecrets.k8s.RotationFixture.MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.k8s.internal.rotation.SecretEdits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Puts sentinel passwords through rotations (completed, refused by the registry, stopped midway,
 * resumed) and an inventory, and checks that no string, message or log record shows one, in clear
 * or in base64 (alone, as {@code user:password}, or as the whole stored {@code .dockerconfigjson}).
 */
class RotationSentinelSecretTest {

  private static final FakeKubeApi API = new FakeKubeApi();
  private static final Logger ROOT = Logger.getLogger("io.github.pullsecrets");
  private static final List<LogRecord> RECORDS = new ArrayList<>();
  private static final Handler CAPTURE =
      new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
          RECORDS.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @RegisterExtension static WireMockExtension kubeServer = RotationFixture.kubeServer(API);

  @RegisterExtension static WireMockExtension registry = RotationFixture.registryServer();

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
  void neverShowsAPasswordInStringsMessagesResultsOrLogs() {
    RotationFixture fixture =
        new RotationFixture(API, kubeServer, registry, ISSUED.plus(Duration.ofDays(61)));
    List<String> seen = new ArrayList<>();
    registry.stubFor(head(urlPathEqualTo(MANIFEST)).willReturn(aResponse().withStatus(401)));
    seen.add(failure(() -> fixture.rotation().build().run()));
    registry.resetAll();
    RotationFixture working =
        new RotationFixture(API, kubeServer, registry, ISSUED.plus(Duration.ofDays(61)));
    List<String> storedData = new ArrayList<>();
    storedData.add(dockerConfigJson(working, "shop"));
    List<RotationEvent> events = new ArrayList<>();
    Rotation stopping = working.rotation().listener(stopAt(RotationStep.STORED, events)).build();
    seen.add(failure(stopping::run));
    seen.add(SecretEdits.pending(working.secret("shop")).orElseThrow().toString());
    seen.add(stopping.toString());
    seen.add(working.rotation().build().run().toString());
    events.forEach(event -> seen.add(event.toString()));
    seen.add(inventory(working).toString());
    storedData.add(dockerConfigJson(working, "shop"));

    assertThat(RECORDS).isNotEmpty();
    for (LogRecord record : RECORDS) {
      seen.add(String.valueOf(record.getMessage()));
      seen.add(String.valueOf(record.getThrown()));
    }
    List<String> forbidden = forms(List.of(fixture.issuer, working.issuer));
    forbidden.addAll(storedData);
    assertThat(forbidden).hasSize(2 + 2 * 4 + 2);
    for (String text : seen) {
      assertThat(text).doesNotContain(forbidden);
    }
    assertThat(RECORDS).noneMatch(record -> record.getLevel().intValue() > Level.FINE.intValue());
  }

  /**
   * Returns the sentinel and its base64 form, and for every token either issuer knows the base64
   * forms of its password and of {@code user:password} (the {@code auth} field of a docker config).
   */
  private static List<String> forms(List<FakeIssuer> issuers) {
    List<String> forms = new ArrayList<>(List.of(FakeIssuer.SENTINEL, base64(FakeIssuer.SENTINEL)));
    for (FakeIssuer issuer : issuers) {
      for (FakeIssuer.Token token : issuer.all()) {
        forms.add(base64(token.password()));
        forms.add(base64("robot-" + token.id() + ":" + token.password()));
      }
    }
    return forms;
  }

  /** Returns the Secret's {@code .dockerconfigjson} as stored: base64 of the whole document. */
  private static String dockerConfigJson(RotationFixture fixture, String namespace) {
    String data = fixture.secret(namespace).path("data").path(PullSecret.DATA_KEY).asText();
    assertThat(data).isNotEmpty();
    return data;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static ExpiryInventory inventory(RotationFixture fixture) {
    return TokenInventory.builder(fixture.kube, fixture.issuer::tokens)
        .registry("reg-1")
        .clock(fixture.clock)
        .build()
        .scan();
  }

  private static String failure(Runnable run) {
    Throwable thrown = catchThrowable(run::run);
    assertThat(thrown).isNotNull();
    return thrown + " " + List.of(thrown.getSuppressed());
  }

  private static Consumer<RotationEvent> stopAt(RotationStep step, List<RotationEvent> events) {
    return event -> {
      events.add(event);
      if (event.step() == step) {
        throw new IllegalStateException("stopped at " + step);
      }
    };
  }
}
