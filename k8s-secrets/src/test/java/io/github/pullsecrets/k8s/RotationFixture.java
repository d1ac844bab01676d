package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.CredentialIssuer;
import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A cluster with the pull Secret {@code dcd} in {@code shop} and {@code staging}, both carrying
 * token {@code tok-old} (issued {@link #ISSUED}, 90 days), a Deployment {@code shop/api} that
 * references it and runs an image of the registry, a registry that lets any Basic credential pull
 * that image, and an issuer that knows {@code tok-old}.
 */
final class RotationFixture {

  static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(90));
  static final Duration GRACE = Duration.ofMinutes(10);
  static final String SECRET = "dcd";
  static final String OLD = "tok-old";
  static final String MANIFEST = "/v2/team/app/manifests/1.0";

  private static final ObjectMapper JSON = new ObjectMapper();

  final FakeKubeApi api;
  final WireMockExtension registry;
  final TestClock clock;
  final FakeIssuer issuer;
  final List<Duration> sleeps = new ArrayList<>();
  final KubeClient kube;

  RotationFixture(
      FakeKubeApi api, WireMockExtension kubeServer, WireMockExtension registry, Instant now) {
    this.api = api;
    this.registry = registry;
    this.clock = new TestClock(now);
    this.issuer = new FakeIssuer(host(), clock);
    this.kube = KubeTestClients.client(kubeServer);
    api.reset();
    kubeServer.stubFor(any(anyUrl()).willReturn(aResponse()));
    registry.stubFor(
        get(urlPathEqualTo("/v2/"))
            .willReturn(
                aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
    registry.stubFor(
        head(urlPathEqualTo(MANIFEST))
            .withHeader("Authorization", matching("Basic .+"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Docker-Content-Digest", "sha256:" + "ab".repeat(32))
                    .withHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")));
    issuer.existing(OLD, EXPIRES);
    putSecret("shop", OLD);
    putSecret("staging", OLD);
    putDeployment("shop", "api");
  }

  static WireMockExtension kubeServer(FakeKubeApi api) {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().extensions(api))
        .build();
  }

  static WireMockExtension registryServer() {
    return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  }

  /** Returns a rotation of {@code dcd} in both namespaces with the test clock and sleeper. */
  Rotation.Builder rotation() {
    return rotation(issuer);
  }

  Rotation.Builder rotation(CredentialIssuer issuer) {
    return Rotation.builder(kube, issuer)
        .registry("reg-1")
        .secretName(SECRET)
        .namespaces("shop", "staging")
        .requireReference("shop", ResourceKind.DEPLOYMENT, "api")
        .lifetime(Duration.ofDays(90))
        .grace(GRACE)
        .clock(clock)
        .sleeper(
            duration -> {
              sleeps.add(duration);
              clock.advance(duration);
            })
        .registryAccess(
            RegistryAccess.builder()
                .insecure(true)
                .retryPolicy(RetryPolicy.disabled())
                .sleeper(duration -> {})
                .build());
  }

  String host() {
    return "localhost:" + registry.getRuntimeInfo().getHttpPort();
  }

  String image() {
    return host() + "/team/app:1.0";
  }

  static String secretPath(String namespace) {
    return "/api/v1/namespaces/" + namespace + "/secrets/" + SECRET;
  }

  void putSecret(String namespace, String tokenId) {
    putSecret(namespace, SECRET, tokenId, host());
  }

  /** Stores a pull Secret for {@code server} that carries {@code tokenId}, known or not. */
  void putSecret(String namespace, String name, String tokenId, String server) {
    PullSecret secret =
        PullSecret.named(name)
            .namespace(namespace)
            .addLabel("app.kubernetes.io/managed-by", "pullsecrets")
            .addAnnotation(Rotation.TOKEN_ID, tokenId)
            .addAnnotation(Rotation.TOKEN_ISSUED_AT, ISSUED.toString())
            .addAnnotation(Rotation.TOKEN_EXPIRES_AT, EXPIRES.toString())
            .addCredential(
                RegistryCredential.of(
                    server, "robot-" + tokenId, FakeIssuer.SENTINEL + "-" + tokenId))
            .build();
    api.put("/api/v1/namespaces/" + namespace + "/secrets/" + name, secret.toJson());
  }

  JsonNode secret(String namespace) {
    return api.object(secretPath(namespace)).orElseThrow();
  }

  Map<String, String> annotations(String namespace) {
    return KubeObject.of(api.object(secretPath(namespace)).orElseThrow()).annotations();
  }

  /** Returns the password in the Secret's {@code .dockerconfigjson}. */
  String password(String namespace) {
    String encoded = secret(namespace).path("data").path(PullSecret.DATA_KEY).asText();
    DockerConfig config = DockerConfig.parse(Base64.getDecoder().decode(encoded));
    return config.credentials().get(0).password();
  }

  /** Returns {@code namespace/deployment -> secret} for every reference to a missing Secret. */
  List<String> missingReferencedSecrets() {
    List<String> missing = new ArrayList<>();
    for (String path : api.paths("/apis/apps/v1/namespaces/")) {
      String namespace = path.split("/")[5];
      JsonNode pullSecrets =
          api.object(path).orElseThrow().at("/spec/template/spec/imagePullSecrets");
      pullSecrets.forEach(
          ref -> {
            String name = ref.path("name").asText();
            if (api.object("/api/v1/namespaces/" + namespace + "/secrets/" + name).isEmpty()) {
              missing.add(path + " -> " + name);
            }
          });
    }
    return missing;
  }

  /** Returns the names of the pull Secrets a Deployment references. */
  List<String> referencedBy(String namespace, String deployment) {
    List<String> names = new ArrayList<>();
    api.object("/apis/apps/v1/namespaces/" + namespace + "/deployments/" + deployment)
        .orElseThrow()
        .at("/spec/template/spec/imagePullSecrets")
        .forEach(ref -> names.add(ref.path("name").asText()));
    return names;
  }

  /** Stores a Deployment that references {@code dcd} and runs the registry's image. */
  void putDeployment(String namespace, String name) {
    api.put(
        "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name,
        """
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "%s", "namespace": "%s", "generation": 1},
         "spec": {"template": {"spec": {
           "imagePullSecrets": [{"name": "dcd"}],
           "containers": [{"name": "app", "image": "%s"}]}}},
         "status": {"observedGeneration": 1, "replicas": 1, "updatedReplicas": 1,
           "availableReplicas": 1, "readyReplicas": 1}}
        """
            .formatted(name, namespace, image()));
  }

  /** Stores a ServiceAccount whose {@code imagePullSecrets} lists {@code pullSecrets}. */
  void putServiceAccount(String namespace, String name, String... pullSecrets) {
    ObjectNode account = JSON.createObjectNode().put("apiVersion", "v1");
    account.put("kind", "ServiceAccount");
    account.putObject("metadata").put("name", name).put("namespace", namespace);
    ArrayNode list = account.putArray("imagePullSecrets");
    Arrays.stream(pullSecrets).forEach(secret -> list.addObject().put("name", secret));
    api.put(serviceAccountPath(namespace, name), account.toString());
  }

  /** Returns the names in a ServiceAccount's {@code imagePullSecrets}, in order. */
  List<String> serviceAccountPullSecrets(String namespace, String name) {
    List<String> names = new ArrayList<>();
    api.object(serviceAccountPath(namespace, name))
        .orElseThrow()
        .path("imagePullSecrets")
        .forEach(ref -> names.add(ref.path("name").asText()));
    return names;
  }

  private static String serviceAccountPath(String namespace, String name) {
    return "/api/v1/namespaces/" + namespace + "/serviceaccounts/" + name;
  }

  /** Marks the Secret as stored by an unfinished rotation to {@code tokenId}. */
  void annotate(String namespace, String tokenId) {
    ObjectNode secret = api.object(secretPath(namespace)).orElseThrow();
    ObjectNode annotations = secret.withObject("/metadata").withObject("/annotations");
    annotations.put(Rotation.TOKEN_ID, tokenId);
    annotations.put(Rotation.ROTATION_STEP, "stored");
    annotations.put(Rotation.ROTATION_REPLACES, OLD);
    api.put(secretPath(namespace), secret.toString());
  }
}
