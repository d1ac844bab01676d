package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.k8s.internal.kube.ClusterSettings;
import io.github.pullsecrets.k8s.internal.kube.ExecPlugin;
import io.github.pullsecrets.k8s.internal.kube.KubeconfigLoader;
import io.github.pullsecrets.k8s.internal.kube.TokenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Kubeconfig files: merging, contexts, namespaces, and each bearer token source. */
class KubeconfigTest {

  private static final String SECRET = "/api/v1/namespaces/shop/secrets/regcred";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private final RolloutWaitTest.ManualClock clock = new RolloutWaitTest.ManualClock();

  @Test
  void usesTheCurrentContextsServerNamespaceAndToken() throws IOException {
    Path file = write("config", kubeconfig("dev", "token: dev-token-1", "shop"));
    Transcript.stub(server, Transcript.load("10-secret-get-200.txt").exchange(1));

    KubeConfig config = KubeConfig.fromFiles(List.of(file));
    try (KubeClient kube = KubeClient.builder(config).build()) {
      kube.resources(ResourceKind.SECRET).get(kube.namespace(), "regcred");
    }

    assertThat(config.context()).contains("dev");
    assertThat(config.namespace()).isEqualTo("shop");
    assertThat(config.server().toString()).isEqualTo(server.baseUrl());
    assertThat(config.toString()).contains("credentials=token").doesNotContain("dev-token-1");
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(SECRET))
            .withHeader("Authorization", equalTo("Bearer dev-token-1"))
            .withHeader("User-Agent", equalTo("pullsecrets-sdk/0.1.0")));
  }

  @Test
  void mergesFilesAsKubectlDoesTheFirstDefinitionWinning() throws IOException {
    Path first =
        write(
            "first",
            "apiVersion: v1\nkind: Config\ncurrent-context: prod\n"
                + "clusters:\n- name: c1\n  cluster:\n    server: https://first.example.com:6443\n"
                + "users:\n- name: u1\n  user:\n    token: from-first\n");
    Path second =
        write(
            "second",
            "apiVersion: v1\nkind: Config\ncurrent-context: staging\n"
                + "clusters:\n- name: c1\n  cluster:\n    server: https://second.example.com\n"
                + "users:\n- name: u1\n  user:\n    token: from-second\n"
                + "contexts:\n- name: prod\n  context:\n    cluster: c1\n    user: u1\n"
                + "    namespace: payments\n"
                + "- name: staging\n  context:\n    cluster: c1\n    user: u1\n");

    ClusterSettings merged =
        KubeconfigLoader.load(
            List.of(first, dir.resolve("missing"), second), Optional.empty(), clock);
    ClusterSettings named =
        KubeconfigLoader.load(List.of(second, first), Optional.of("staging"), clock);

    assertThat(merged.context()).contains("prod");
    assertThat(merged.server().toString()).isEqualTo("https://first.example.com:6443");
    assertThat(merged.namespace()).isEqualTo("payments");
    assertThat(merged.credentials().bearerToken()).contains("from-first");
    assertThat(named.server().toString()).isEqualTo("https://second.example.com");
    assertThat(named.namespace()).isEqualTo("default");
    assertThat(named.credentials().bearerToken()).contains("from-second");
  }

  @Test
  void kubeconfigVariableListsTheFilesInOrder() {
    String variable =
        "/a/config" + java.io.File.pathSeparator + java.io.File.pathSeparator + "/b/config";

    List<Path> files = KubeconfigLoader.defaultFiles(Map.of("KUBECONFIG", variable), Path.of("/h"));
    List<Path> fallback = KubeconfigLoader.defaultFiles(Map.of(), Path.of("/h"));

    assertThat(files).containsExactly(Path.of("/a/config"), Path.of("/b/config"));
    assertThat(fallback).containsExactly(Path.of("/h/.kube/config"));
  }

  @Test
  void tokenFileIsReadAgainAsItRotates() throws IOException {
    Path token = write("token", "first-token\n");
    TokenFile source = new TokenFile(token, clock);

    String before = source.bearerToken().orElseThrow();
    Files.writeString(token, "second-token");
    String cached = source.bearerToken().orElseThrow();
    clock.advance(Duration.ofSeconds(61));
    String after = source.bearerToken().orElseThrow();

    assertThat(List.of(before, cached, after))
        .containsExactly("first-token", "first-token", "second-token");
    assertThat(source.describe()).isEqualTo("token file " + token);
  }

  @Test
  void tokenFileOfAKubeconfigIsResolvedAgainstItsDirectory() throws IOException {
    write("sa-token", "from-file");
    Path file = write("config", kubeconfig("dev", "tokenFile: sa-token", ""));

    ClusterSettings settings = KubeconfigLoader.load(List.of(file), Optional.empty(), clock);

    assertThat(settings.credentials().bearerToken()).contains("from-file");
  }

  @Test
  void execPluginTokenIsCachedUntilItExpires() throws IOException {
    Path plugin = plugin("client.authentication.k8s.io/v1", "2026-12-03T18:20:00Z");
    ExecPlugin source =
        new ExecPlugin(
            List.of(plugin.toString(), "--cluster", "shop"),
            Map.of("COUNTER", dir.resolve("runs").toString()),
            "client.authentication.k8s.io/v1",
            "",
            clock);

    String first = source.bearerToken().orElseThrow();
    String cached = source.bearerToken().orElseThrow();
    clock.advance(Duration.ofMinutes(10));
    String renewed = source.bearerToken().orElseThrow();

    assertThat(List.of(first, cached, renewed))
        .containsExactly("tok-shop-1", "tok-shop-1", "tok-shop-2");
    assertThat(Files.readString(dir.resolve("exec-info")))
        .contains("\"apiVersion\":\"client.authentication.k8s.io/v1\"")
        .contains("\"interactive\":false");
  }

  @Test
  void execPluginV1beta1FromAKubeconfigWithARelativeCommand() throws IOException {
    plugin("client.authentication.k8s.io/v1beta1", "2026-12-03T18:20:00Z");
    Path file =
        write(
            "config",
            kubeconfig(
                "dev",
                "exec:\n        apiVersion: client.authentication.k8s.io/v1beta1\n"
                    + "        command: ./plugin.sh\n        args: [\"--cluster\", \"beta\"]\n"
                    + "        env:\n        - name: COUNTER\n          value: "
                    + dir.resolve("runs"),
                ""));

    ClusterSettings settings = KubeconfigLoader.load(List.of(file), Optional.empty(), clock);

    assertThat(settings.credentials().bearerToken()).contains("tok-beta-1");
    assertThat(settings.toString()).contains("exec plugin " + dir.resolve("plugin.sh"));
  }

  @Test
  void execPluginTokenIsRenewedAfterA401() throws IOException {
    plugin("client.authentication.k8s.io/v1", "2027-01-01T00:00:00Z");
    Path file =
        write(
            "config",
            kubeconfig(
                "dev",
                "exec:\n        apiVersion: client.authentication.k8s.io/v1\n"
                    + "        command: "
                    + dir.resolve("plugin.sh")
                    + "\n"
                    + "        args: [\"--cluster\", \"x\"]\n"
                    + "        env:\n        - name: COUNTER\n          value: "
                    + dir.resolve("runs"),
                ""));
    Transcript.stubInOrder(
        server,
        "renew",
        Transcript.load("47-auth-bad-token-401.txt").exchange(1),
        Transcript.load("10-secret-get-200.txt").exchange(1));

    try (KubeClient kube =
        KubeClient.builder(KubeConfig.fromFiles(List.of(file)))
            .retryPolicy(RetryPolicy.disabled())
            .build()) {
      kube.resources(ResourceKind.SECRET).get("shop", "regcred");
    }

    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(SECRET))
            .withHeader("Authorization", equalTo("Bearer tok-x-1")));
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(SECRET))
            .withHeader("Authorization", equalTo("Bearer tok-x-2")));
  }

  @Test
  void missingExecPluginSaysSoWithTheInstallHint() {
    ExecPlugin source =
        new ExecPlugin(
            List.of("pullsecrets-no-such-plugin"),
            Map.of(),
            "client.authentication.k8s.io/v1",
            "Install it with: brew install no-such-plugin",
            clock);

    assertThatThrownBy(source::bearerToken)
        .isInstanceOf(KubeConfigException.class)
        .hasMessage(
            "exec plugin \"pullsecrets-no-such-plugin\" could not be started: not found"
                + " or not executable\nInstall it with: brew install no-such-plugin");
  }

  @Test
  void failingExecPluginReportsItsExitCode() throws IOException {
    Path failing = write("fail.sh", "#!/bin/sh\nexit 3\n");
    executable(failing);
    ExecPlugin source =
        new ExecPlugin(
            List.of(failing.toString()), Map.of(), "client.authentication.k8s.io/v1", "", clock);

    assertThatThrownBy(source::bearerToken)
        .isInstanceOf(KubeConfigException.class)
        .hasMessage("exec plugin " + failing + " failed with exit code 3");
  }

  @Test
  void unusableSettingsAreRejectedWithWhereTheyAre() throws IOException {
    Path basic = write("basic", kubeconfig("dev", "username: admin\n      password: pw", ""));
    Path provider = write("provider", kubeconfig("dev", "auth-provider:\n        name: gcp", ""));
    Path noContext = write("none", "apiVersion: v1\nkind: Config\n");

    assertThatThrownBy(() -> KubeConfig.fromFiles(List.of(basic)))
        .hasMessage("basic authentication is not supported by Kubernetes 1.19+");
    assertThatThrownBy(() -> KubeConfig.fromFiles(List.of(provider)))
        .hasMessage("auth-provider \"gcp\" is not supported; use an exec credential plugin");
    assertThatThrownBy(() -> KubeConfig.fromFiles(List.of(basic), "prod"))
        .hasMessage("context \"prod\" not found in the kubeconfig");
    assertThatThrownBy(() -> KubeConfig.fromFiles(List.of(noContext)))
        .hasMessageStartingWith("no current-context in");
    assertThatThrownBy(() -> KubeConfig.fromFiles(List.of(dir.resolve("absent"))))
        .isInstanceOf(KubeConfigException.class)
        .hasMessageStartingWith("no kubeconfig file found");
  }

  private String kubeconfig(String context, String user, String namespace) {
    return "apiVersion: v1\nkind: Config\ncurrent-context: "
        + context
        + "\n"
        + "clusters:\n- name: local\n  cluster:\n    server: "
        + server.baseUrl()
        + "\n"
        + "users:\n- name: me\n  user:\n      "
        + user
        + "\n"
        + "contexts:\n- name: "
        + context
        + "\n  context:\n    cluster: local\n    user: me\n"
        + (namespace.isEmpty() ? "" : "    namespace: " + namespace + "\n");
  }

  /** Writes an exec plugin that counts its runs and answers tok-ARG-RUN. */
  private Path plugin(String apiVersion, String expiry) throws IOException {
    Path plugin =
        write(
            "plugin.sh",
            "#!/bin/sh\n"
                + "echo run >> \"$COUNTER\"\n"
                + "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"$(dirname \"$COUNTER\")/exec-info\"\n"
                + "n=$(wc -l < \"$COUNTER\" | tr -d ' ')\n"
                + "printf '{\"apiVersion\":\""
                + apiVersion
                + "\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"tok-%s-%s\",\"expirationTimestamp\":\""
                + expiry
                + "\"}}'"
                + " \"$2\" \"$n\"\n");
    executable(plugin);
    return plugin;
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static Instant now() {
    return Instant.parse("2026-12-03T18:10:37Z");
  }
}
