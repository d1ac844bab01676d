package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pullsecrets.auth.internal.access.TlsContexts;
import io.github.pullsecrets.auth.testing.AnonymousPullRegistry;
import io.github.pullsecrets.auth.testing.CountingHttpClient;
import io.github.pullsecrets.auth.testing.OciImage;
import io.github.pullsecrets.auth.testing.Programs;
import io.github.pullsecrets.auth.testing.RegistryExtension;
import io.github.pullsecrets.auth.testing.TestImages;
import io.github.pullsecrets.auth.testing.TestImages.Image;
import io.github.pullsecrets.auth.testing.TestRegistries;
import io.github.pullsecrets.auth.testing.TokenIssuer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Push, retag and copy against real docker-registry processes (htpasswd Basic and token auth), each
 * result read back by skopeo. Requests are counted on the wire by a wrapping HTTP client.
 */
class ImageTransferTest {

  @RegisterExtension static final RegistryExtension REGISTRIES = new RegistryExtension();

  private static final int CHUNK = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static AnonymousPullRegistry anonymous;

  private CountingHttpClient http;
  private RegistryAccess access;

  @BeforeAll
  static void startAnonymousPullRegistry() {
    anonymous = AnonymousPullRegistry.start();
  }

  @AfterAll
  static void stopAnonymousPullRegistry() {
    if (anonymous != null) {
      anonymous.close();
    }
  }

  @BeforeEach
  void setUp() {
    http = new CountingHttpClient(TlsContexts.trusting(registries().caPem() + anonymous.caPem()));
    access =
        RegistryAccess.builder()
            .httpClient(http)
            .retryPolicy(RetryPolicy.disabled())
            .chunkSize(CHUNK)
            .build();
  }

  private static TestRegistries registries() {
    return REGISTRIES.get();
  }

  private ImageTransfer basic() {
    return access.images(RegistryCredential.of(registries().basicHost(), "alice", "s3cret"));
  }

  private ImageTransfer token() {
    return access.images(RegistryCredential.of(registries().tokenHost(), "alice", "s3cret"));
  }

  private static String basicImage(String path) {
    return registries().basicHost() + "/" + path;
  }

  private static String tokenImage(String path) {
    return registries().tokenHost() + "/" + path;
  }

  private static Image twoLayerImage(long seed) {
    return TestImages.image(
        "amd64",
        TestImages.randomLayer("big.bin", 200_000, seed),
        TestImages.randomLayer("small.bin", 100, seed + 1));
  }

  private static Path layout(String tag, Image image) {
    return TestImages.writeLayout(registries().newDirectory("layout"), tag, image);
  }

  @Test
  void pushFromAnOciLayoutSendsChunksAndWholeBlobsAndSkopeoReadsTheExactManifest() {
    Image image = twoLayerImage(10);
    long bigSize = image.layers().get(0).bytes().length;

    PushResult result =
        basic().push(ImageSource.ociLayout(layout("1.0", image)), basicImage("push/layout:1.0"));

    assertThat(result.digest()).isEqualTo(image.digest());
    assertThat(result.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(result.blobsUploaded()).isEqualTo(3);
    assertThat(result.bytesUploaded()).isEqualTo(totalSize(image));
    assertThat(result.pinned()).isEqualTo(basicImage("push/layout@" + image.digest()));
    assertThat(http.requests("PATCH", "/v2/push/layout/blobs/uploads/"))
        .hasSize((int) ((bigSize + CHUNK - 1) / CHUNK));
    assertThat(skopeo("inspect", "--raw", "docker://" + basicImage("push/layout:1.0")))
        .isEqualTo(new String(image.manifest().bytes(), StandardCharsets.UTF_8));
    assertThat(skopeoCopyToLayout(basicImage("push/layout:1.0"))).isEqualTo(image.digest());
  }

  @Test
  void pushAgainUploadsNoBlobTwice() {
    Image image = twoLayerImage(20);
    ImageSource source = ImageSource.ociLayout(layout("1.0", image));
    basic().push(source, basicImage("push/again:1.0"));
    http.reset();

    PushResult again = basic().push(source, basicImage("push/again:1.0"));

    assertThat(again.blobsUploaded()).isZero();
    assertThat(again.blobsPresent()).isEqualTo(3);
    assertThat(again.bytesUploaded()).isZero();
    assertThat(http.requests("HEAD", "/v2/push/again/blobs/")).hasSize(3);
    assertThat(http.requests("POST", "/blobs/uploads/")).isEmpty();
    assertThat(http.requests("PATCH", "/")).isEmpty();
    assertThat(http.requests("PUT", "/blobs/")).isEmpty();
    assertThat(http.requests("PUT", "/v2/push/again/manifests/1.0")).hasSize(1);
  }

  @Test
  void pushFromAnOciArchiveWithTokenAuth() {
    Image image = twoLayerImage(30);
    Path archive =
        TestImages.writeOciArchive(
            layout("2.0", image), registries().newDirectory("archive").resolve("image.tar"));

    PushResult result = token().push(ImageSource.archive(archive), tokenImage("push/archive:2.0"));

    assertThat(result.digest()).isEqualTo(image.digest());
    assertThat(result.blobsUploaded()).isEqualTo(3);
    assertThat(inspect(tokenImage("push/archive:2.0")).path("Digest").asText())
        .isEqualTo(image.digest());
    assertThat(skopeoCopyToLayout(tokenImage("push/archive:2.0"))).isEqualTo(image.digest());
  }

  @Test
  void pushFromAGzipDockerSaveArchiveSendsADockerManifestWithTheLayerAsSaved() throws IOException {
    byte[] layerTar = TestImages.randomLayerTar("data.bin", 150_000, 40);
    Path archive =
        TestImages.writeDockerSave(
            registries().newDirectory("save").resolve("image.tar.gz"),
            "team/saved:3.1",
            layerTar,
            true);

    PushResult result = basic().push(ImageSource.archive(archive, "3.1"), basicImage("push/saved"));

    assertThat(result.image().tag()).contains("latest");
    assertThat(result.mediaType())
        .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    JsonNode raw =
        JSON.readTree(skopeo("inspect", "--raw", "docker://" + basicImage("push/saved")));
    assertThat(raw.path("layers").findValuesAsText("digest"))
        .containsExactly(OciImage.digest(layerTar), OciImage.digest(layerTar));
    assertThat(result.blobsUploaded()).isEqualTo(2);
    assertThat(raw.path("layers").get(0).path("mediaType").asText())
        .isEqualTo("application/vnd.docker.image.rootfs.diff.tar");
    assertThat(inspect(basicImage("push/saved")).path("Digest").asText())
        .isEqualTo(result.digest());
    assertThat(skopeoCopyToLayout(basicImage("push/saved"))).isNotEmpty();
  }

  @Test
  void retagPutsTheSameBytesUnderTheNewTagAndKeepsTheDigest() {
    Image image = twoLayerImage(50);
    basic().push(ImageSource.ociLayout(layout("1.0", image)), basicImage("push/retag:1.0"));
    http.reset();

    PushResult byTag = basic().retag(basicImage("push/retag:1.0"), "stable");
    PushResult byDigest = token().retag(tokenImage("team/app@" + registries().digest()), "pinned");

    assertThat(byTag.digest()).isEqualTo(image.digest());
    assertThat(byTag.image().toString()).isEqualTo(basicImage("push/retag:stable"));
    assertThat(http.requests("GET", "/blobs/")).isEmpty();
    assertThat(http.requests("PUT", "/blobs/")).isEmpty();
    assertThat(skopeo("inspect", "--raw", "docker://" + basicImage("push/retag:stable")))
        .isEqualTo(new String(image.manifest().bytes(), StandardCharsets.UTF_8));
    assertThat(byDigest.digest()).isEqualTo(registries().digest());
    assertThat(inspect(tokenImage("team/app:pinned")).path("Digest").asText())
        .isEqualTo(registries().digest());
  }

  @Test
  void copyBetweenRegistriesStreamsEveryBlobAndReportsProgress() {
    Image image = twoLayerImage(60);
    basic().push(ImageSource.ociLayout(layout("1.0", image)), basicImage("push/copy-src:1.0"));
    List<BlobProgress> events = new CopyOnWriteArrayList<>();
    RegistryCredential source = RegistryCredential.of(registries().basicHost(), "alice", "s3cret");

    PushResult result =
        token()
            .withProgress(events::add)
            .copy(source, basicImage("push/copy-src:1.0"), tokenImage("mirror/copy"));

    assertThat(result.digest()).isEqualTo(image.digest());
    assertThat(result.image().toString()).isEqualTo(tokenImage("mirror/copy:1.0"));
    assertThat(result.blobsUploaded()).isEqualTo(3);
    String big = image.layers().get(0).digest();
    long bigSize = image.layers().get(0).bytes().length;
    assertThat(events)
        .filteredOn(e -> e.digest().equals(big))
        .extracting(BlobProgress::state)
        .last()
        .isEqualTo(BlobProgress.State.UPLOADED);
    assertThat(events)
        .filteredOn(e -> e.digest().equals(big))
        .extracting(BlobProgress::bytesDone)
        .isSorted()
        .contains(bigSize);
    assertThat(events).allSatisfy(e -> assertThat(e.bytesTotal()).isPositive());
    assertThat(http.requests("GET", "/v2/push/copy-src/blobs/")).hasSize(3);
    assertThat(inspect(tokenImage("mirror/copy:1.0")).path("Digest").asText())
        .isEqualTo(image.digest());
    assertThat(skopeoCopyToLayout(tokenImage("mirror/copy:1.0"))).isEqualTo(image.digest());
  }

  @Test
  void copyWithinOneRegistryMountsEveryBlobInsteadOfSendingIt() {
    Image image = twoLayerImage(70);
    token().push(ImageSource.ociLayout(layout("1.0", image)), tokenImage("push/mount-src:1.0"));
    http.reset();

    PushResult result = token().copy(tokenImage("push/mount-src:1.0"), tokenImage("push/mounted"));

    assertThat(result.blobsMounted()).isEqualTo(3);
    assertThat(result.blobsUploaded()).isZero();
    assertThat(http.requests("PATCH", "/")).isEmpty();
    assertThat(http.requests("GET", "/blobs/")).isEmpty();
    assertThat(registries().issuer().requests())
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("scope=repository%3Apush%2Fmounted%3Apull%2Cpush")
                    .contains("scope=repository%3Apush%2Fmount-src%3Apull"));
    assertThat(skopeoCopyToLayout(tokenImage("push/mounted:1.0"))).isEqualTo(image.digest());
  }

  @Test
  void multiPlatformIndexIsPushedAfterEveryManifestItLists() {
    TestImages.Blob shared = TestImages.randomLayer("shared.bin", 1_000, 80);
    Image amd64 = TestImages.image("amd64", shared, TestImages.randomLayer("a.bin", 500, 81));
    Image arm64 = TestImages.image("arm64", shared, TestImages.randomLayer("b.bin", 500, 82));
    Image index = TestImages.index(amd64, arm64);

    PushResult result =
        token().push(ImageSource.ociLayout(layout("multi", index)), tokenImage("push/multi:1"));

    assertThat(result.digest()).isEqualTo(index.digest());
    assertThat(result.mediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(result.childManifests()).containsExactly(amd64.digest(), arm64.digest());
    assertThat(result.blobsUploaded()).isEqualTo(5);
    List<String> manifestPuts = http.requests("PUT", "/v2/push/multi/manifests/");
    assertThat(manifestPuts)
        .containsExactly(
            "PUT /v2/push/multi/manifests/" + amd64.digest(),
            "PUT /v2/push/multi/manifests/" + arm64.digest(),
            "PUT /v2/push/multi/manifests/1");
    assertThat(skopeo("inspect", "--raw", "docker://" + tokenImage("push/multi:1")))
        .isEqualTo(new String(index.manifest().bytes(), StandardCharsets.UTF_8));
    JsonNode arm =
        readJson(
            skopeo(
                "--override-arch", "arm64", "inspect", "docker://" + tokenImage("push/multi:1")));
    assertThat(arm.path("Architecture").asText()).isEqualTo("arm64");
    assertThat(skopeoCopyToLayout(tokenImage("push/multi:1"), "--all")).isEqualTo(index.digest());
  }

  @Test
  void dockerManifestListFromAnArchiveIsPushedAfterItsManifestsWithItsDigestUnchanged() {
    TestImages.Blob shared = TestImages.randomLayer("shared.bin", 1_000, 130);
    Image amd64 =
        TestImages.dockerImage("amd64", shared, TestImages.randomLayer("a.bin", 600, 131));
    Image arm64 =
        TestImages.dockerImage("arm64", shared, TestImages.randomLayer("b.bin", 600, 132));
    Image list = TestImages.dockerList(amd64, arm64);
    Path archive =
        TestImages.writeOciArchive(
            layout("v1", list), registries().newDirectory("archive").resolve("list.tar"));

    PushResult result =
        basic().push(ImageSource.archive(archive), basicImage("push/docker-list:v1"));

    assertThat(result.digest()).isEqualTo(list.digest());
    assertThat(result.mediaType())
        .isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
    assertThat(result.childManifests()).containsExactly(amd64.digest(), arm64.digest());
    assertThat(result.blobsUploaded()).isEqualTo(5);
    assertThat(http.requests("PUT", "/v2/push/docker-list/manifests/"))
        .containsExactly(
            "PUT /v2/push/docker-list/manifests/" + amd64.digest(),
            "PUT /v2/push/docker-list/manifests/" + arm64.digest(),
            "PUT /v2/push/docker-list/manifests/v1");
    assertThat(skopeo("inspect", "--raw", "docker://" + basicImage("push/docker-list:v1")))
        .isEqualTo(text(list));
    for (Image child : List.of(amd64, arm64)) {
      String pinned = basicImage("push/docker-list@" + child.digest());
      assertThat(skopeo("inspect", "--raw", "docker://" + pinned)).isEqualTo(text(child));
    }
    JsonNode arm =
        readJson(
            skopeo(
                "--override-arch",
                "arm64",
                "inspect",
                "docker://" + basicImage("push/docker-list:v1")));
    assertThat(arm.path("Architecture").asText()).isEqualTo("arm64");
    assertThat(textValues(arm.path("Layers")))
        .containsExactly(shared.digest(), arm64.layers().get(1).digest());
  }

  @Test
  void copyFromARegistryServingACorruptedBlobStopsNamingTheBlobAndTagsNothing() throws IOException {
    Image image = twoLayerImage(140);
    seedAnonymousRegistry("public/corrupt:1.0", image);
    TestImages.Blob big = image.layers().get(0);
    TestImages.Blob small = image.layers().get(1);
    corrupt(anonymous.blobFile(big.digest()));
    http.reset();

    BlobDigestMismatchException mismatch =
        catchThrowableOfType(
            BlobDigestMismatchException.class,
            () ->
                token()
                    .copy(
                        anonymousCredential(),
                        anonymousImage("public/corrupt:1.0"),
                        tokenImage("mirror/corrupt:1.0")));

    assertThat(mismatch.blob()).isEqualTo(big.digest());
    assertThat(mismatch).hasMessageContaining(big.digest());
    assertThat(http.requests("GET", "/v2/public/corrupt/blobs/" + big.digest())).hasSize(1);
    assertThat(http.requests("GET", "/v2/public/corrupt/blobs/" + small.digest())).isEmpty();
    assertThat(http.requests("PUT", "/v2/mirror/corrupt/manifests/")).isEmpty();
    List<String> cancelled = http.requests("DELETE", "/v2/mirror/corrupt/blobs/uploads/");
    assertThat(cancelled).hasSize(1);
    assertThat(registries().issuer().requests())
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("scope=repository%3Amirror%2Fcorrupt%3Apull%2Cpush%2Cdelete"));
    String upload = cancelled.get(0).substring("DELETE ".length());
    assertThat(tokenRegistryStatus("GET", upload, "mirror/corrupt")).isEqualTo(404);
    assertThat(tokenCheck().canPull(tokenImage("mirror/corrupt:1.0")).outcome())
        .isEqualTo(AccessOutcome.NOT_FOUND);
    Programs.Run inspected =
        registries().skopeoInspect(authFile(), tokenImage("mirror/corrupt:1.0"));
    assertThat(inspected.exitCode()).isNotZero();
    assertThat(inspected.output()).contains("manifest unknown");
  }

  @Test
  void copyFromATokenRegistryWithAnonymousPullSendsNoCredentialToItsTokenServer() {
    Image image = twoLayerImage(150);
    seedAnonymousRegistry("public/nginx:1.27", image);
    http.reset();
    int issued = anonymous.issuer().requests().size();

    PushResult result =
        token()
            .copy(
                anonymousCredential(),
                anonymousImage("public/nginx:1.27"),
                tokenImage("mirror/nginx"));

    assertThat(result.digest()).isEqualTo(image.digest());
    assertThat(result.image().toString()).isEqualTo(tokenImage("mirror/nginx:1.27"));
    assertThat(http.authorizations(anonymous.issuer().realm()))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r).startsWith("GET ").endsWith(" none"));
    List<String> tokenQueries = anonymous.issuer().requests();
    assertThat(tokenQueries.subList(issued, tokenQueries.size()))
        .isNotEmpty()
        .allSatisfy(
            q ->
                assertThat(q)
                    .contains("scope=repository%3Apublic%2Fnginx%3Apull")
                    .doesNotContain("account="));
    assertThat(http.authorizations("https://" + anonymous.host() + "/v2/public/nginx/"))
        .hasSize(4)
        .allSatisfy(r -> assertThat(r).endsWith(" Bearer"));
    assertThat(inspect(tokenImage("mirror/nginx:1.27")).path("Digest").asText())
        .isEqualTo(image.digest());
    assertThat(skopeoCopyToLayout(tokenImage("mirror/nginx:1.27"))).isEqualTo(image.digest());
  }

  @Test
  void pullOnlyTokenIsRefusedNamingThePushScopeBeforeAnyUpload() {
    Image image = twoLayerImage(90);
    ImageTransfer puller =
        access.images(RegistryCredential.of(registries().tokenHost(), "puller", "pullpw"));

    ImageTransferException refused =
        catchThrowableOfType(
            ImageTransferException.class,
            () ->
                puller.push(ImageSource.ociLayout(layout("1.0", image)), tokenImage("team/app:x")));

    assertThat(refused).hasMessageContaining("repository:team/app:pull,push");
    assertThat(refused.result()).isPresent();
    assertThat(refused.result().get().noAccessReason()).contains(NoAccessReason.INSUFFICIENT_SCOPE);
    assertThat(refused.result().get().status()).hasValue(401);
    assertThat(http.requests("PATCH", "/")).isEmpty();
    assertThat(http.requests("PUT", "/")).isEmpty();
  }

  @Test
  void corruptedBlobStopsTheWholeUploadNamingTheBlob() throws IOException {
    Image image = twoLayerImage(100);
    Path layout = layout("1.0", image);
    TestImages.Blob small = image.layers().get(1);
    corrupt(layout.resolve("blobs/sha256/" + small.hex()));

    BlobDigestMismatchException mismatch =
        catchThrowableOfType(
            BlobDigestMismatchException.class,
            () -> basic().push(ImageSource.ociLayout(layout), basicImage("push/corrupt:1.0")));

    assertThat(mismatch.blob()).isEqualTo(small.digest());
    assertThat(mismatch).hasMessageContaining(small.digest());
    assertThat(blobStatus("push/corrupt", small.digest())).isEqualTo(404);
    List<String> cancelled = http.requests("DELETE", "/v2/push/corrupt/blobs/uploads/");
    assertThat(cancelled).hasSize(1);
    assertThat(basicStatus("GET", cancelled.get(0).substring("DELETE ".length()))).isEqualTo(404);
    assertThat(registries().openUploads(registries().basicHost(), "push/corrupt")).isEmpty();
    assertThat(basicCheck().canPull(basicImage("push/corrupt:1.0")).outcome())
        .isEqualTo(AccessOutcome.NOT_FOUND);
  }

  @Test
  void corruptedBlobUploadIsCancelledOnTheTokenRegistryToo() throws IOException {
    Image image = twoLayerImage(100);
    Path layout = layout("1.0", image);
    TestImages.Blob small = image.layers().get(1);
    corrupt(layout.resolve("blobs/sha256/" + small.hex()));

    BlobDigestMismatchException mismatch =
        catchThrowableOfType(
            BlobDigestMismatchException.class,
            () ->
                token().push(ImageSource.ociLayout(layout), tokenImage("push/corrupt-token:1.0")));

    assertThat(mismatch.blob()).isEqualTo(small.digest());
    assertThat(http.requests("DELETE", "/v2/push/corrupt-token/blobs/uploads/")).isNotEmpty();
    assertThat(registries().openUploads(registries().tokenHost(), "push/corrupt-token")).isEmpty();
  }

  @Test
  void corruptedChunkedBlobIsCutOffBeforeTheLastChunkCompletes() throws IOException {
    Image image = twoLayerImage(110);
    Path layout = layout("1.0", image);
    TestImages.Blob big = image.layers().get(0);
    corrupt(layout.resolve("blobs/sha256/" + big.hex()));

    BlobDigestMismatchException mismatch =
        catchThrowableOfType(
            BlobDigestMismatchException.class,
            () -> basic().push(ImageSource.ociLayout(layout), basicImage("push/corrupt-big:1.0")));

    assertThat(mismatch.blob()).isEqualTo(big.digest());
    assertThat(mismatch.actual()).startsWith("sha256:").isNotEqualTo(big.digest());
    assertThat(blobStatus("push/corrupt-big", big.digest())).isEqualTo(404);
    assertThat(http.requests("PUT", "/v2/push/corrupt-big/blobs/uploads/")).hasSize(1);
    assertThat(http.requests("DELETE", "/v2/push/corrupt-big/blobs/uploads/")).hasSize(1);
    assertThat(registries().openUploads(registries().basicHost(), "push/corrupt-big")).isEmpty();
  }

  @Test
  void archiveWithoutTheTagAskedForIsRejectedNamingTheTags() {
    Path archive =
        TestImages.writeDockerSave(
            registries().newDirectory("save").resolve("image.tar"),
            "team/saved:3.1",
            TestImages.randomLayerTar("x", 10, 1),
            false);

    InvalidImageSourceException invalid =
        catchThrowableOfType(
            InvalidImageSourceException.class,
            () -> basic().push(ImageSource.archive(archive, "9.9"), basicImage("push/none")));

    assertThat(invalid).hasMessageContaining("team/saved:3.1").hasMessageContaining("9.9");
    assertThat(http.requests()).isEmpty();
  }

  @Test
  void noSecretReachesLogsErrorsOrResultsOfPushRetagAndCopy() {
    String sentinel = "SENTINELs3cr3t7f1d";
    Image image = twoLayerImage(120);
    ImageSource source = ImageSource.ociLayout(layout("1.0", image));
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    List<String> shown = new ArrayList<>();
    Logger logger = Logger.getLogger("io.github.pullsecrets");
    Handler handler = capture(records);
    Level previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
    try {
      shown.add(basic().push(source, basicImage("push/sentinel:1.0")).toString());
      shown.add(basic().retag(basicImage("push/sentinel:1.0"), "2.0").toString());
      shown.add(
          token()
              .copy(
                  aliceAt(registries().basicHost()),
                  basicImage("push/sentinel:1.0"),
                  tokenImage("push/sentinel:1.0"))
              .toString());
      shown.add(basic().toString() + token().toString() + access.toString());
      for (String host : List.of(registries().basicHost(), registries().tokenHost())) {
        ImageTransfer wrong = access.images(RegistryCredential.of(host, "alice", sentinel));
        shown.add(stackTrace(() -> wrong.push(source, host + "/push/sentinel:3.0")));
        shown.add(stackTrace(() -> wrong.retag(host + "/push/sentinel:1.0", "4.0")));
        shown.add(
            stackTrace(
                () ->
                    token()
                        .copy(
                            RegistryCredential.of(host, "alice", sentinel),
                            host + "/push/sentinel:1.0",
                            tokenImage("push/sentinel-copy:1.0"))));
      }
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(previous);
    }
    records.forEach(r -> shown.add(r.getMessage() + " " + r.getThrown()));

    assertThat(records)
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(r.getLevel().intValue()).isLessThanOrEqualTo(Level.FINE.intValue()));
    assertThat(String.join("\n", shown))
        .contains("401")
        .doesNotContain(sentinel)
        .doesNotContain("SENTINEL")
        .doesNotContain(Entry.encodeAuth("alice", sentinel))
        .doesNotContain("s3cret")
        .doesNotContain(Entry.encodeAuth("alice", "s3cret"))
        .doesNotContain("Bearer ");
  }

  private void seedAnonymousRegistry(String path, Image image) {
    String tag = path.substring(path.indexOf(':') + 1);
    access
        .images(aliceAt(anonymous.host()))
        .push(ImageSource.ociLayout(layout(tag, image)), anonymousImage(path));
  }

  private static RegistryCredential anonymousCredential() {
    return RegistryCredential.of(anonymous.host(), "", "");
  }

  private static String anonymousImage(String path) {
    return anonymous.host() + "/" + path;
  }

  private CredentialCheck tokenCheck() {
    return access.forCredential(aliceAt(registries().tokenHost()));
  }

  private static String text(Image image) {
    return new String(image.manifest().bytes(), StandardCharsets.UTF_8);
  }

  private static List<String> textValues(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static RegistryCredential aliceAt(String host) {
    return RegistryCredential.of(host, "alice", "s3cret");
  }

  private static String stackTrace(Runnable call) {
    try {
      call.run();
      return "no failure";
    } catch (RuntimeException e) {
      StringWriter out = new StringWriter();
      e.printStackTrace(new PrintWriter(out));
      return out.toString();
    }
  }

  private static Handler capture(List<LogRecord> records) {
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(Level.ALL);
    return handler;
  }

  private static void corrupt(Path blob) throws IOException {
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(blob, bytes);
  }

  private CredentialCheck basicCheck() {
    return access.forCredential(RegistryCredential.of(registries().basicHost(), "alice", "s3cret"));
  }

  private int blobStatus(String repository, String digest) {
    return basicStatus("HEAD", "/v2/" + repository + "/blobs/" + digest);
  }

  private int basicStatus(String method, String path) {
    String basic = Entry.encodeAuth("alice", "s3cret");
    URI uri = URI.create("https://" + registries().basicHost() + path);
    return send(method, uri, "Basic " + basic).statusCode();
  }

  /** Sends a request to the token registry with a pull token that the test fetched itself. */
  private int tokenRegistryStatus(String method, String path, String repository) {
    URI realm =
        URI.create(
            registries().issuer().realm()
                + "?service="
                + TokenIssuer.SERVICE
                + "&scope=repository:"
                + repository
                + ":pull");
    String basic = "Basic " + Entry.encodeAuth("alice", "s3cret");
    String token = readJson(send("GET", realm, basic).body()).path("token").asText();
    URI uri = URI.create("https://" + registries().tokenHost() + path);
    return send(method, uri, "Bearer " + token).statusCode();
  }

  private HttpResponse<String> send(String method, URI uri, String authorization) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", authorization)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long totalSize(Image image) {
    return image.blobs().stream().mapToLong(b -> b.bytes().length).sum();
  }

  private static Path authFile() {
    DockerConfig config =
        DockerConfig.of(
            RegistryCredential.of(registries().basicHost(), "alice", "s3cret"),
            RegistryCredential.of(registries().tokenHost(), "alice", "s3cret"));
    try {
      Path file = registries().newDirectory("auth").resolve("auth.json");
      Files.writeString(file, config.toJson());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String skopeo(String... arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    List<String> global = new ArrayList<>();
    while (all.get(0).startsWith("--")) {
      global.add(all.remove(0));
      global.add(all.remove(0));
    }
    String command = all.remove(0);
    Programs.Run run = registries().skopeo(authFile(), global, command, all);
    assertThat(run.exitCode()).as(run.output()).isZero();
    return run.output();
  }

  private static JsonNode inspect(String image) {
    return readJson(skopeo("inspect", "docker://" + image));
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies an image with skopeo into an OCI layout; returns the manifest digest it wrote. */
  private static String skopeoCopyToLayout(String image, String... flags) {
    Path target = registries().newDirectory("skopeo-copy");
    List<String> arguments = new ArrayList<>(List.of("copy"));
    arguments.addAll(List.of(flags));
    arguments.addAll(List.of("docker://" + image, "oci:" + target + ":copied"));
    skopeo(arguments.toArray(String[]::new));
    try {
      JsonNode index = JSON.readTree(target.resolve("index.json").toFile());
      return index.path("manifests").get(0).path("digest").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
