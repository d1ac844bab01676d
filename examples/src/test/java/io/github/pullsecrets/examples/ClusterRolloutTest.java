package io.github.pullsecrets.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the cluster example against an API server stub answering with recorded kube-apiserver
 * responses: the Secret is created, attached, the rollout fails, and the diagnosis is printed.
 */
class ClusterRolloutTest {

  private static final String PASSWORD = "SENTINEL-rollout-password";
  private static final String SECRET = "/api/v1/namespaces/shop/secrets/regcred";
  private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/shop/deployments/api";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path folder;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void appliesAttachesWaitsAndPrintsTheDiagnosisWhenTheRolloutFails() throws IOException {
    stubCluster();

    int status =
        run(
            Map.of("PULLSECRETS_PASSWORD", PASSWORD),
            "--kubeconfig",
            kubeconfig().toString(),
            "--timeout",
            "30",
            "shop",
            "api",
            "registry.example.com",
            "shop-puller");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isEqualTo(1);
    assertThat(printed)
        .contains("Secret shop/regcred: CREATE\n")
        .contains("Deployment shop/api: ATTACHED\n")
        .contains("rollout: FAILED: ReplicaSet")
        .contains(
            "pod api-manual, container api (registry.example.com/shop/api:1.0):"
                + " CREDENTIAL_REJECTED")
        .doesNotContain(PASSWORD);
    server.verify(
        1,
        patchRequestedFor(urlPathEqualTo(SECRET))
            .withHeader("Content-Type", equalTo("application/apply-patch+yaml")));
    server.verify(
        1,
        patchRequestedFor(urlPathEqualTo(DEPLOYMENT))
            .withHeader("Content-Type", equalTo("application/strategic-merge-patch+json")));
  }

  @Test
  void readsThePasswordFromStandardInput() throws IOException {
    int status =
        runWithInput(
            Map.of(),
            PASSWORD + "\n",
            "--password-stdin",
            "--kubeconfig",
            folder.resolve("absent").toString(),
            "shop",
            "api",
            "r.example.com",
            "u");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("failed: no kubeconfig file found");
  }

  @Test
  void refusesIncompleteArguments() {
    int status = run(Map.of("PULLSECRETS_PASSWORD", PASSWORD), "shop", "api");

    assertThat(status).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("expected 4 arguments, got 2\nusage: ClusterRollout");
  }

  private void stubCluster() {
    String created = response("15-secret-apply-create-201.txt", 1);
    server.stubFor(
        get(urlPathEqualTo(SECRET))
            .inScenario("secret")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("created")
            .willReturn(json(response("11-secret-get-404.txt", 1)).withStatus(404)));
    server.stubFor(
        patch(urlPathEqualTo(SECRET))
            .inScenario("secret")
            .whenScenarioStateIs("created")
            .willReturn(json(created).withStatus(201)));
    server.stubFor(
        get(urlPathEqualTo(SECRET))
            .inScenario("secret")
            .whenScenarioStateIs("created")
            .willReturn(json(created)));
    server.stubFor(
        get(urlPathEqualTo(DEPLOYMENT))
            .inScenario("deployment")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(response("21-deployment-create-and-status.txt", 3))));
    server.stubFor(
        patch(urlPathEqualTo(DEPLOYMENT))
            .inScenario("deployment")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("patched")
            .willReturn(json(response("22-deployment-smp-add-first.txt", 1))));
    server.stubFor(
        get(urlPathEqualTo(DEPLOYMENT))
            .inScenario("deployment")
            .whenScenarioStateIs("patched")
            .willReturn(json(stuckDeployment())));
    server.stubFor(
        get(urlPathEqualTo("/api/v1/namespaces/shop/pods"))
            .withQueryParam("labelSelector", equalTo("app=api"))
            .willReturn(json(response("45-diagnose-pull-failure.txt", 1))));
    server.stubFor(
        get(urlPathEqualTo("/api/v1/namespaces/shop/events"))
            .willReturn(json(response("45-diagnose-pull-failure.txt", 2))));
  }

  /** The patched Deployment with the progress deadline condition of transcript 31. */
  private static String stuckDeployment() {
    try {
      ObjectNode deployment =
          (ObjectNode) JSON.readTree(response("22-deployment-smp-add-first.txt", 1));
      JsonNode exceeded =
          JSON.readTree(response("31-deployment-progress-deadline-exceeded.txt", 2));
      ObjectNode status = (ObjectNode) exceeded.path("status").deepCopy();
      status.put("observedGeneration", deployment.at("/metadata/generation").asLong());
      deployment.set("status", status);
      return deployment.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path kubeconfig() throws IOException {
    return Files.writeString(
        folder.resolve("config"),
        "apiVersion: v1\nkind: Config\n"
            + "current-context: test\nclusters:\n- name: c\n  cluster:\n    server: "
            + server.baseUrl()
            + "\nusers:\n- name: u\n  user:\n    token: example-token\n"
            + "contexts:\n- name: test\n  context:\n    cluster: c\n    user: u\n");
  }

  private int run(Map<String, String> env, String... args) {
    return runWithInput(env, PASSWORD + "\n", args);
  }

  private int runWithInput(Map<String, String> env, String stdin, String... args) {
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    return ClusterRollout.run(
        List.of(args), env, in, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  /** Returns the body of response {@code n} of a recorded transcript. */
  private static String response(String file, int n) {
    String text = resource("k8s-api/" + file);
    int start = text.indexOf("<<< RESPONSE " + n + "\n");
    int body = text.indexOf("\n\n", start) + 2;
    int end = text.length();
    for (String boundary : List.of("\n>>> REQUEST", "\n# ")) {
      int at = text.indexOf(boundary, body);
      end = at < 0 ? end : Math.min(end, at);
    }
    return text.substring(body, end).strip();
  }

  private static String resource(String name) {
    try (InputStream in = ClusterRolloutTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }
}
