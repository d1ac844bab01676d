package io.github.pullsecrets.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.pullsecrets.auth.testing.TestImages;
import io.github.pullsecrets.auth.testing.TestImages.Image;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which push requests are repeated, against a stub registry that answers 503: a blob PUT that
 * completes an upload is (its body opened again), a POST that starts one and a PATCH chunk are not.
 */
class ImageTransferRetryTest {

  @RegisterExtension
  static WireMockExtension registry =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final RetryPolicy FAST =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), 2.0, 0.0);

  @TempDir Path directory;

  private final List<RetryEvent> retries = new CopyOnWriteArrayList<>();
  private Image image;

  @BeforeEach
  void openRegistryWithNoBlobs() {
    // An uncompressed layer: WireMock shows gzip request bodies unzipped.
    image =
        TestImages.image(
            "amd64", TestImages.Blob.of(TestImages.randomLayerTar("layer.bin", 3_000, 7)));
    registry.stubFor(get("/v2/").willReturn(aResponse().withStatus(200).withBody("{}")));
    registry.stubFor(
        head(urlPathMatching("/v2/team/app/blobs/sha256:.*"))
            .willReturn(aResponse().withStatus(404)));
    registry.stubFor(
        put(urlPathEqualTo("/v2/team/app/manifests/1.0"))
            .willReturn(
                aResponse().withStatus(201).withHeader("Docker-Content-Digest", image.digest())));
  }

  private ImageTransfer images(long chunkSize) {
    return RegistryAccess.builder()
        .insecure(true)
        .retryPolicy(FAST)
        .retryListener(retries::add)
        .sleeper(duration -> {})
        .chunkSize(chunkSize)
        .build()
        .images(RegistryCredential.of("localhost:" + registry.getPort(), "", ""));
  }

  private PushResult push(long chunkSize) {
    return images(chunkSize)
        .push(
            ImageSource.ociLayout(TestImages.writeLayout(directory, "1.0", image)),
            "localhost:" + registry.getPort() + "/team/app:1.0");
  }

  @Test
  void blobPutCompletingAnUploadIsRepeatedWithTheSameBytes() {
    stubUploadStart(202);
    registry.stubFor(
        put(urlPathEqualTo("/v2/team/app/blobs/uploads/u1"))
            .inScenario("put")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("second"));
    registry.stubFor(
        put(urlPathEqualTo("/v2/team/app/blobs/uploads/u1"))
            .inScenario("put")
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(201))
            .willSetStateTo(Scenario.STARTED));

    PushResult result = push(1 << 20);

    assertThat(result.digest()).isEqualTo(image.digest());
    assertThat(result.blobsUploaded()).isEqualTo(2);
    for (TestImages.Blob blob : image.blobs()) {
      registry.verify(
          2,
          putRequestedFor(urlPathEqualTo("/v2/team/app/blobs/uploads/u1"))
              .withQueryParam("digest", equalTo(blob.digest()))
              .withQueryParam("_state", equalTo("s"))
              .withHeader("Content-Type", equalTo("application/octet-stream"))
              .withRequestBody(binaryEqualTo(blob.bytes())));
    }
    registry.verify(2, postRequestedFor(urlEqualTo("/v2/team/app/blobs/uploads/")));
    assertThat(retries).extracting(RetryEvent::method).containsExactly("PUT", "PUT");
    registry.verify(
        putRequestedFor(urlPathEqualTo("/v2/team/app/manifests/1.0"))
            .withHeader("Content-Type", equalTo("application/vnd.oci.image.manifest.v1+json"))
            .withRequestBody(binaryEqualTo(image.manifest().bytes())));
  }

  @Test
  void postStartingAnUploadIsSentOnce() {
    stubUploadStart(503);

    ImageTransferException failure =
        catchThrowableOfType(ImageTransferException.class, () -> push(1 << 20));

    assertThat(failure.result()).isPresent();
    assertThat(failure.result().get().status()).hasValue(503);
    assertThat(failure).hasMessageContaining("start the upload of blob");
    registry.verify(1, postRequestedFor(urlEqualTo("/v2/team/app/blobs/uploads/")));
    assertThat(retries).isEmpty();
  }

  @Test
  void patchChunkIsSentOnce() {
    stubUploadStart(202);
    registry.stubFor(
        patch(urlPathEqualTo("/v2/team/app/blobs/uploads/u1"))
            .willReturn(aResponse().withStatus(503)));

    ImageTransferException failure =
        catchThrowableOfType(ImageTransferException.class, () -> push(100));

    assertThat(failure.result().get().status()).hasValue(503);
    assertThat(failure).hasMessageContaining("upload bytes 0-99 of blob");
    registry.verify(
        1,
        patchRequestedFor(urlPathEqualTo("/v2/team/app/blobs/uploads/u1"))
            .withHeader("Content-Range", equalTo("0-99"))
            .withHeader("Content-Length", equalTo("100")));
    assertThat(retries).isEmpty();
  }

  private void stubUploadStart(int status) {
    registry.stubFor(
        post(urlEqualTo("/v2/team/app/blobs/uploads/"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Location", "/v2/team/app/blobs/uploads/u1?_state=s")));
  }
}
