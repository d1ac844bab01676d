package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.k8s.internal.kube.Credentials;
import io.github.pullsecrets.k8s.internal.kube.TokenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Puts a sentinel bearer token and a sentinel registry password through every live-cluster path
 * (kubeconfig, client, errors, apply and plan reports, attach, diagnosis) with logging open at
 * every level, and checks that neither the sentinels nor their base64 forms show anywhere.
 */
class KubeSentinelSecretTest {

  private static final String TOKEN = "SENTINEL-token-4b1d7e";
  private static final String PASSWORD = "SENTINEL-password-93c2aa";
  private static final String USER = "robot";
  private static final String SECRET = "/api/v1/namespaces/shop/secrets/regcred";
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

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

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
  void neverShowsTheTokenOrThePasswordInStringsMessagesReportsOrLogs() throws IOException {
    KubeClient kube = client(Credentials.token(TOKEN));
    PullSecret secret =
        PullSecret.named("regcred")
            .addCredential(RegistryCredential.of("registry.example.com", USER, PASSWORD))
            .build();
    List<String> seen = new ArrayList<>();
    seen.add(kube.toString());
    seen.add(kube.config().toString());
    seen.add(
        new TokenFile(Files.writeString(dir.resolve("t"), TOKEN), Clock.systemUTC()).toString());

    seen.addAll(kubeconfigs());
    seen.addAll(errors(kube));
    seen.addAll(applies(kube, secret));
    seen.addAll(attachAndDiagnose(kube, secret));

    seen.addAll(logged());
    assertThat(RECORDS).isNotEmpty();
    assertThat(seen).hasSizeGreaterThan(20).allSatisfy(KubeSentinelSecretTest::assertNoSecret);
  }

  @Test
  void logsNothingAboveDebugOnTheHappyPath() {
    Transcript.stub(server, Transcript.load("10-secret-get-200.txt").exchange(1));

    client(Credentials.token(TOKEN)).resources(ResourceKind.SECRET).get("shop", "regcred");

    assertThat(RECORDS)
        .isNotEmpty()
        .allSatisfy(
            record ->
                assertThat(record.getLevel().intValue())
                    .isLessThanOrEqualTo(Level.FINE.intValue()));
    assertThat(logged()).anySatisfy(text -> assertThat(text).contains("GET " + SECRET));
  }

  private List<String> kubeconfigs() throws IOException {
    List<String> seen = new ArrayList<>();
    String users = "users:\n- name: u\n  user:\n    token: " + TOKEN + "\n";
    String good =
        "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
            + users
            + "clusters:\n- name: k\n  cluster:\n    server: https://k.example.com\n"
            + "contexts:\n- name: c\n  context:\n    cluster: k\n    user: u\n";
    Path valid = Files.writeString(dir.resolve("valid"), good);
    seen.add(KubeConfig.fromFiles(List.of(valid)).toString());
    Path broken = Files.writeString(dir.resolve("broken"), good + "  token: [" + TOKEN + "\n");
    seen.add(message(() -> KubeConfig.fromFiles(List.of(broken))));
    Path noServer =
        Files.writeString(
            dir.resolve("no-server"),
            good.replace("server: https://k.example.com", "insecure-skip-tls-verify: true"));
    seen.add(message(() -> KubeConfig.fromFiles(List.of(noServer))));
    Path badKey =
        Files.writeString(
            dir.resolve("bad-key"),
            good.replace(
                "token: " + TOKEN,
                "client-certificate-data: "
                    + base64(TOKEN)
                    + "\n    client-key-data: "
                    + base64(TOKEN)));
    seen.add(message(() -> KubeConfig.fromFiles(List.of(badKey))));
    Path plugin =
        Files.writeString(
            dir.resolve("plugin.sh"),
            "#!/bin/sh\n"
                + "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
                + "\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\""
                + TOKEN
                + "\"}}'\n");
    plugin.toFile().setExecutable(true);
    var exec =
        new io.github.pullsecrets.k8s.internal.kube.ExecPlugin(
            List.of(plugin.toString()),
            java.util.Map.of("SECRET_ENV", TOKEN),
            "client.authentication.k8s.io/v1beta1",
            "",
            Clock.systemUTC());
    seen.add(exec.toString() + exec.describe());
    seen.add(message(exec::bearerToken));
    return seen;
  }

  private static List<String> errors(KubeClient kube) {
    List<String> seen = new ArrayList<>();
    for (String file :
        List.of("46-auth-no-token-401.txt", "47-auth-bad-token-401.txt", "11-secret-get-404.txt")) {
      server.resetAll();
      Transcript.Exchange exchange = Transcript.load(file).exchange(1);
      server.stubFor(get(urlPathEqualTo(SECRET)).willReturn(Transcript.response(exchange)));
      seen.add(message(() -> kube.resources(ResourceKind.SECRET).get("shop", "regcred")));
    }
    KubeClient unreachable =
        KubeClient.builder(
                KubeConfig.of(
                    new io.github.pullsecrets.k8s.internal.kube.ClusterSettings(
                        java.net.URI.create("http://127.0.0.1:9"),
                        "shop",
                        java.util.Optional.empty(),
                        kube.config().settings().sslContext(),
                        Credentials.token(TOKEN))))
            .retryPolicy(RetryPolicy.disabled())
            .build();
    seen.add(message(() -> unreachable.resources(ResourceKind.SECRET).get("shop", "x")));
    return seen;
  }

  private static List<String> applies(KubeClient kube, PullSecret secret) {
    server.resetAll();
    Transcript.Exchange stored = Transcript.load("15-secret-apply-create-201.txt").exchange(1);
    server.stubFor(get(urlPathEqualTo(SECRET)).willReturn(Transcript.response(stored)));
    server.stubFor(
        patch(urlPathEqualTo(SECRET))
            .willReturn(
                Transcript.response(
                    Transcript.load("09-secret-create-422-dockerconfigjson-not-json.txt")
                        .exchange(1))));
    List<String> seen = new ArrayList<>();
    SecretReport applied = kube.pullSecrets().apply(secret).toNamespaces("shop");
    SecretReport planned = kube.pullSecrets().plan(secret).toNamespaces("shop");
    server.stubFor(get(urlPathEqualTo(SECRET)).willReturn(aResponse().withStatus(404)));
    SecretReport created = kube.pullSecrets().plan(secret).toNamespaces("shop");
    for (SecretReport report : List.of(applied, planned, created)) {
      seen.add(report.toString());
      report.results().forEach(result -> seen.addAll(result.diff()));
    }
    assertThat(applied.results().get(0).change()).isEqualTo(SecretChange.FAILED);
    assertThat(created.results().get(0).diff()).isNotEmpty();
    seen.add(secret.toString());
    seen.add(kube.pullSecrets().apply(secret).toString());
    return seen;
  }

  private static List<String> attachAndDiagnose(KubeClient kube, PullSecret secret) {
    server.resetAll();
    Transcript diagnose = Transcript.load("45-diagnose-pull-failure.txt");
    Transcript.stub(server, diagnose.exchange(1));
    Transcript.stub(server, diagnose.exchange(2));
    ObjectNode stored =
        (ObjectNode)
            TestFiles.jsonValues(secret.toBuilder().namespace("shop").build().toJson()).get(0);
    server.stubFor(
        get(urlPathEqualTo(SECRET))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(stored.toString())));
    List<String> seen = new ArrayList<>();
    Diagnosis diagnosis = kube.diagnose("shop").pods("app=api,origin=manual");
    seen.add(diagnosis.toString());
    seen.add(diagnosis.describe());
    diagnosis.findings().forEach(finding -> seen.add(finding.toString()));
    seen.add(kube.resources(ResourceKind.SECRET).get("shop", "regcred").toString());
    seen.add(kube.workloads("shop").deployment("api").toString());
    assertThat(diagnosis.findings())
        .extracting(Finding::cause)
        .containsExactly(PullFailureCause.CREDENTIAL_REJECTED);
    return seen;
  }

  private KubeClient client(Credentials credentials) {
    return KubeClient.builder(KubeTestClients.config(server, credentials))
        .retryPolicy(RetryPolicy.disabled())
        .build();
  }

  private static void assertNoSecret(String text) {
    String auth = base64(USER + ":" + PASSWORD);
    assertThat(text).doesNotContain(TOKEN, PASSWORD, base64(TOKEN), base64(PASSWORD), auth);
  }

  private static List<String> logged() {
    List<String> texts = new ArrayList<>();
    synchronized (CAPTURE) {
      for (LogRecord record : RECORDS) {
        texts.add(String.valueOf(record.getMessage()));
        if (record.getThrown() != null) {
          texts.add(String.valueOf(record.getThrown()));
        }
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
