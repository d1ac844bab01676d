package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.RegistryCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PullSecretApply#concurrency(int)} bounds the writes in flight: the server holds each write
 * until as many as allowed overlap, so a client that sent more at once would be seen.
 */
class ApplyConcurrencyTest {

  private static final int NAMESPACES = 24;
  private static final InFlightGate GATE = new InFlightGate("PATCH");

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().containerThreads(40).extensions(GATE))
          .build();

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {2, 5})
  void neverHasMoreWritesInFlightThanAllowed(int concurrency) {
    List<String> namespaces = new ArrayList<>();
    for (int i = 0; i < NAMESPACES; i++) {
      namespaces.add("team-" + i);
      stubCreated("team-" + i);
    }
    stubEmptySecretList();
    GATE.expect(concurrency, NAMESPACES);

    SecretReport report =
        KubeTestClients.client(server)
            .pullSecrets()
            .apply(secret())
            .concurrency(concurrency)
            .toNamespaces(namespaces);

    assertThat(report.counts()).isEqualTo(Map.of(SecretChange.CREATE, NAMESPACES));
    assertThat(GATE.highest()).isEqualTo(concurrency);
    server.verify(NAMESPACES, patchRequestedFor(urlPathMatching("/api/v1/namespaces/.*")));
  }

  private static void stubEmptySecretList() {
    ObjectNode list = JsonNodeFactory.instance.objectNode().put("kind", "SecretList");
    list.put("apiVersion", "v1").putObject("metadata").put("resourceVersion", "2000");
    list.putArray("items");
    server.stubFor(
        get(urlPathEqualTo("/api/v1/secrets"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(list.toString())));
  }

  private static void stubCreated(String namespace) {
    ObjectNode created =
        (ObjectNode) Transcript.load("15-secret-apply-create-201.txt").exchange(1).responseJson();
    ((ObjectNode) created.path("metadata")).put("namespace", namespace);
    server.stubFor(
        patch(urlPathEqualTo("/api/v1/namespaces/" + namespace + "/secrets/regcred"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(created.toString())));
  }

  private static PullSecret secret() {
    return PullSecret.named("regcred")
        .addCredential(
            RegistryCredential.of("registry.example.com", "shop-puller", "pull-Token-2026-B"))
        .build();
  }
}
