package io.github.pullsecrets.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registry answers that the Debian docker-registry never gives (403, a refused fresh token, two
 * challenges, 503, 500 and 400 with error bodies), and the exact requests sent (Accept types, push
 * scope, the upload cancel), played by WireMock.
 */
class RegistryAccessStubTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String MANIFEST = "/v2/team/app/manifests/1.0";
  private static final String UPLOADS = "/v2/team/app/blobs/uploads/";
  private static final String UPLOAD = UPLOADS + "6f1c0e2a-upload";

  @RegisterExtension
  static WireMockExtension registry =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final List<RetryEvent> retries = new ArrayList<>();

  @Test
  void reportsA403AsForbidden() {
    basicChallenge();
    registry.stubFor(
        head(urlPathEqualTo(MANIFEST))
            .withHeader("Authorization", matching("Basic .*"))
            .willReturn(aResponse().withStatus(403)));

    AccessResult result = check().canPull(image());

    assertThat(result.outcome()).isEqualTo(AccessOutcome.NO_ACCESS);
    assertThat(result.noAccessReason()).contains(NoAccessReason.FORBIDDEN);
    assertThat(result.status()).hasValue(403);
  }

  @Test
  void saysWhenAFreshTokenIsRefused() {
    bearerChallenge("");
    tokenEndpoint();
    registry.stubFor(
        head(urlPathEqualTo(MANIFEST))
            .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", bearer(""))));

    AccessResult result = check().canPull(image());

    assertThat(result.outcome()).isEqualTo(AccessOutcome.NO_ACCESS);
    assertThat(result.noAccessReason()).contains(NoAccessReason.REJECTED_FRESH_TOKEN);
  }

  @Test
  void saysWhenTheScopeIsInsufficient() {
    bearerChallenge("");
    tokenEndpoint();
    registry.stubFor(
        head(urlPathEqualTo(MANIFEST))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", bearer(",error=\"insufficient_scope\""))));

    AccessResult result = check().canPull(image());

    assertThat(result.noAccessReason()).contains(NoAccessReason.INSUFFICIENT_SCOPE);
  }

  @Test
  void prefersBearerWhenTheRegistryOffersBothSchemes() {
    registry.stubFor(
        get(urlPathEqualTo("/v2/"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeaders(
                        new HttpHeaders(
                            new HttpHeader("WWW-Authenticate", "Basic realm=\"r\""),
                            new HttpHeader("WWW-Authenticate", bearer(""))))));
    tokenEndpoint();
    manifestFound("Bearer registry-token");

    AccessResult result = check().canPull(image());

    assertThat(result.ok()).isTrue();
    assertThat(result.digest()).contains(DIGEST);
    registry.verify(
        getRequestedFor(urlPathEqualTo("/token"))
            .withQueryParam("scope", equalTo("repository:team/app:pull"))
            .withQueryParam("service", equalTo("test-registry"))
            .withQueryParam("account", equalTo("alice")));
    registry.verify(
        headRequestedFor(urlPathEqualTo(MANIFEST))
            .withHeader("Accept", matching(".*application/vnd.oci.image.index.v1\\+json.*")));
  }

  @Test
  void followsLinkHeadersThroughTagPages() {
    registry.stubFor(get(urlPathEqualTo("/v2/")).willReturn(aResponse().withStatus(200)));
    registry.stubFor(
        get(urlPathEqualTo("/v2/team/app/tags/list"))
            .withQueryParam("last", equalTo("b"))
            .atPriority(1)
            .willReturn(aResponse().withBody("{\"name\":\"team/app\",\"tags\":[\"c\"]}")));
    registry.stubFor(
        get(urlPathEqualTo("/v2/team/app/tags/list"))
            .atPriority(2)
            .willReturn(
                aResponse()
                    .withHeader("Link", "</v2/team/app/tags/list?n=2&last=b>; rel=\"next\"")
                    .withBody("{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}")));

    Listing tags = check().tags(host() + "/team/app");

    assertThat(tags.result().ok()).as(tags.result().toString()).isTrue();
    assertThat(tags.names()).containsExactly("a", "b", "c");
  }

  @Test
  void repeatsAManifestCheckOn503AndReportsEachRetry() {
    basicChallenge();
    registry.stubFor(
        head(urlPathEqualTo(MANIFEST))
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("still busy"));
    registry.stubFor(
        head(urlPathEqualTo(MANIFEST))
            .inScenario("busy")
            .whenScenarioStateIs("still busy")
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1"))
            .willSetStateTo("ready"));
    registry.stubFor(
        head(urlPathEqualTo(MANIFEST))
            .inScenario("busy")
            .whenScenarioStateIs("ready")
            .willReturn(manifestHeaders()));

    AccessResult result = check(RetryPolicy.defaults()).canPull(image());

    assertThat(result.ok()).isTrue();
    assertThat(retries).hasSize(2);
    assertThat(retries.get(1).delay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void canPushCancelsTheUploadItStartedWithTheSameToken() {
    bearerChallenge("");
    tokenEndpoint();
    uploadStarted();
    registry.stubFor(
        delete(urlPathEqualTo(UPLOAD))
            .withHeader("Authorization", equalTo("Bearer registry-token"))
            .willReturn(aResponse().withStatus(204)));

    AccessResult result = check().canPush(host() + "/team/app");

    assertThat(result.outcome()).as(result.toString()).isEqualTo(AccessOutcome.OK);
    registry.verify(
        getRequestedFor(urlPathEqualTo("/token"))
            .withQueryParam("scope", equalTo("repository:team/app:pull,push")));
    registry.verify(1, postRequestedFor(urlEqualTo(UPLOADS)));
    registry.verify(
        1,
        deleteRequestedFor(urlPathEqualTo(UPLOAD))
            .withQueryParam("_state", equalTo("opaque-state"))
            .withHeader("Authorization", equalTo("Bearer registry-token")));
  }

  @Test
  void canPushCancelsWithADeleteTokenWhenThePushTokenMayNotDelete() {
    bearerChallenge("");
    tokenEndpoint();
    registry.stubFor(
        get(urlPathEqualTo("/token"))
            .withQueryParam("scope", equalTo("repository:team/app:delete"))
            .atPriority(1)
            .willReturn(aResponse().withBody("{\"token\":\"delete-token\"}")));
    uploadStarted();
    registry.stubFor(
        delete(urlPathEqualTo(UPLOAD))
            .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", bearer(""))));
    registry.stubFor(
        delete(urlPathEqualTo(UPLOAD))
            .withHeader("Authorization", equalTo("Bearer delete-token"))
            .atPriority(1)
            .willReturn(aResponse().withStatus(204)));

    AccessResult result = check().canPush(host() + "/team/app");

    assertThat(result.outcome()).isEqualTo(AccessOutcome.OK);
    assertThat(result.detail()).isEqualTo("push allowed: a blob upload was started and cancelled");
    registry.verify(
        deleteRequestedFor(urlPathEqualTo(UPLOAD))
            .withHeader("Authorization", equalTo("Bearer delete-token")));
  }

  @Test
  void canPushSaysWhenTheUploadCouldNotBeCancelled() {
    basicChallenge();
    uploadStarted();
    registry.stubFor(delete(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(405)));

    AccessResult result = check().canPush(host() + "/team/app");

    assertThat(result.outcome()).isEqualTo(AccessOutcome.OK);
    assertThat(result.detail())
        .isEqualTo(
            "push allowed; the registry refused to cancel the blob upload (HTTP 405), so it"
                + " stays until it expires");
  }

  @Test
  void canPullAcceptsAllFourManifestTypes() {
    basicChallenge();
    manifestFound("Basic YWxpY2U6czNjcmV0");

    AccessResult result = check().canPull(image());

    assertThat(result.ok()).as(result.toString()).isTrue();
    registry.verify(
        headRequestedFor(urlPathEqualTo(MANIFEST))
            .withHeader("Accept", containing("application/vnd.oci.image.manifest.v1+json"))
            .withHeader("Accept", containing("application/vnd.oci.image.index.v1+json"))
            .withHeader(
                "Accept", containing("application/vnd.docker.distribution.manifest.v2+json"))
            .withHeader(
                "Accept", containing("application/vnd.docker.distribution.manifest.list.v2+json")));
  }

  @Test
  void reportsA500WithTheRegistrysErrorCodesAsUnexpected() {
    basicChallenge();
    registry.stubFor(head(urlPathEqualTo(MANIFEST)).willReturn(aResponse().withStatus(500)));
    registry.stubFor(
        get(urlPathEqualTo(MANIFEST))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"unknown error\","
                            + "\"detail\":{}}]}")));

    AccessResult result = check().canPull(image());

    assertThat(result.outcome()).isEqualTo(AccessOutcome.UNEXPECTED_RESPONSE);
    assertThat(result.status()).hasValue(500);
    assertThat(result.errorCodes()).containsExactly("UNKNOWN");
  }

  @Test
  void reportsA400FromTheUploadStartWithItsErrorCodesAsUnexpected() {
    basicChallenge();
    registry.stubFor(
        post(urlEqualTo(UPLOADS))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"errors\":[{\"code\":\"NAME_INVALID\",\"message\":\"invalid"
                            + " repository name\"},{\"code\":\"DENIED\",\"message\":\"x\"}]}")));

    AccessResult result = check().canPush(host() + "/team/app");

    assertThat(result.outcome()).isEqualTo(AccessOutcome.UNEXPECTED_RESPONSE);
    assertThat(result.status()).hasValue(400);
    assertThat(result.errorCodes()).containsExactly("NAME_INVALID", "DENIED");
    registry.verify(0, deleteRequestedFor(urlPathEqualTo(UPLOAD)));
  }

  private CredentialCheck check() {
    return check(RetryPolicy.disabled());
  }

  private CredentialCheck check(RetryPolicy policy) {
    return RegistryAccess.builder()
        .insecure(true)
        .retryPolicy(policy)
        .retryListener(retries::add)
        .sleeper(duration -> {})
        .build()
        .forCredential(RegistryCredential.of(host(), "alice", "s3cret"));
  }

  private static void basicChallenge() {
    registry.stubFor(
        get(urlPathEqualTo("/v2/"))
            .willReturn(
                aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
  }

  private static void bearerChallenge(String extra) {
    registry.stubFor(
        get(urlPathEqualTo("/v2/"))
            .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", bearer(extra))));
  }

  private static void tokenEndpoint() {
    registry.stubFor(
        get(urlPathEqualTo("/token"))
            .withHeader("Authorization", matching("Basic .*"))
            .willReturn(aResponse().withBody("{\"token\":\"registry-token\",\"expires_in\":300}")));
  }

  private static void uploadStarted() {
    registry.stubFor(
        post(urlEqualTo(UPLOADS))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Location", UPLOAD + "?_state=opaque-state")
                    .withHeader("Docker-Upload-UUID", "6f1c0e2a-upload")
                    .withHeader("Range", "0-0")));
  }

  private static void manifestFound(String authorization) {
    registry.stubFor(
        head(urlPathEqualTo(MANIFEST))
            .withHeader("Authorization", equalTo(authorization))
            .willReturn(manifestHeaders()));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder
      manifestHeaders() {
    return aResponse()
        .withStatus(200)
        .withHeader("Docker-Content-Digest", DIGEST)
        .withHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json");
  }

  private static String bearer(String extra) {
    return "Bearer realm=\"http://"
        + host()
        + "/token\",service=\"test-registry\",scope=\"repository:team/app:pull\""
        + extra;
  }

  private static String image() {
    return host() + "/team/app:1.0";
  }

  private static String host() {
    return "localhost:" + registry.getRuntimeInfo().getHttpPort();
  }
}
