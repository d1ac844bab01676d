package io.github.pullsecrets.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.pullsecrets.registry.ApiStubs.REGISTRY_ID;
import static io.github.pullsecrets.registry.ApiStubs.fixture;
import static io.github.pullsecrets.registry.ApiStubs.registryPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RepositoriesTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String DIGEST =
      "sha256:3f1a7c9e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a";
  private static final String OTHER_DIGEST =
      "sha256:9b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d";
  private static final String SHOP_API = registryPath() + "/repositories/shop%2Fapi";

  private final Repositories repositories =
      ApiStubs.client(server, new FakeTime(ApiStubs.NOW)).build().repositories(REGISTRY_ID);

  @Test
  void listPagesWithIntegerOffsetsUntilThereIsNoNextLink() {
    server.stubFor(
        get(urlEqualTo(registryPath() + "/repositories?offset=0&limit=100"))
            .willReturn(okJson(fixture("repositories-page-1.json"))));
    server.stubFor(
        get(urlEqualTo(registryPath() + "/repositories?offset=2&limit=100"))
            .willReturn(okJson(fixture("repositories-page-2.json"))));

    List<Repository> all = repositories.list().toList();

    assertThat(all)
        .extracting(Repository::name)
        .containsExactly("shop/api", "shop/web", "tools/debug");
    Repository api = all.get(0);
    assertThat(api.artifactCount()).isEqualTo(4);
    assertThat(api.pullCount()).isEqualTo(1200);
    assertThat(api.lastPulledAt()).contains(Instant.parse("2026-12-03T09:59:00Z"));
    assertThat(api.lastSeverity()).contains("HIGH");
    assertThat(all.get(2).lastPushedAt()).isEmpty();
    server.verify(2, getRequestedFor(urlPathEqualTo(registryPath() + "/repositories")));
  }

  @Test
  void listStopsWhenTheServerIgnoresTheOffset() {
    server.stubFor(
        get(urlPathEqualTo(registryPath() + "/repositories"))
            .willReturn(okJson(fixture("repositories-page-1.json"))));

    assertThat(repositories.list().toList()).hasSize(2);
    server.verify(2, getRequestedFor(urlPathEqualTo(registryPath() + "/repositories")));
  }

  @Test
  void getEncodesTheSlashOfARepositoryName() {
    server.stubFor(
        get(urlEqualTo(SHOP_API))
            .willReturn(
                okJson(
                    fixture("repositories-page-1.json")
                        .replaceAll("(?s)^.*?\"items\": \\[\\s*", "")
                        .replaceAll("(?s)\\},\\s*\\{.*$", "}"))));

    Repository repository = repositories.get("shop/api");

    assertThat(repository.name()).isEqualTo("shop/api");
    assertThat(repository.pushCount()).isEqualTo(12);
  }

  @Test
  void deleteRemovesTheWholeRepository() {
    server.stubFor(delete(urlEqualTo(SHOP_API)).willReturn(aResponse().withStatus(204)));

    repositories.delete("shop/api");

    server.verify(deleteRequestedFor(urlEqualTo(SHOP_API)));
  }

  @Test
  void artifactsOfARepositoryCarryTagsAndScanCounts() {
    server.stubFor(
        get(urlEqualTo(SHOP_API + "/artifacts?offset=0&limit=100"))
            .willReturn(okJson(fixture("artifacts.json"))));

    List<Artifact> artifacts;
    try (LogCapture logs = new LogCapture()) {
      artifacts = repositories.artifacts("shop/api").toList();

      assertThat(logs.records()).noneMatch(r -> r.getLevel().intValue() > Level.FINE.intValue());
    }

    assertThat(artifacts)
        .singleElement()
        .satisfies(
            artifact -> {
              assertThat(artifact.digest()).isEqualTo(DIGEST);
              assertThat(artifact.tags()).containsExactly("1.4", "latest");
              assertThat(artifact.mediaType())
                  .isEqualTo("application/vnd.oci.image.manifest.v1+json");
              assertThat(artifact.maxSeverity()).contains("HIGH");
              assertThat(artifact.vulnerabilityCount()).isEqualTo(3);
              assertThat(artifact.fixableCount()).isEqualTo(2);
            });
  }

  @Test
  void artifactsOfTheWholeRegistryUseTheRegistryPath() {
    server.stubFor(
        get(urlEqualTo(registryPath() + "/artifacts?offset=0&limit=100"))
            .willReturn(okJson(fixture("artifacts.json"))));

    assertThat(repositories.artifacts().toList())
        .extracting(Artifact::repositoryName)
        .containsExactly("shop/api");
  }

  @Test
  void artifactsOfTheWholeRegistryPageOnAndKeepTheSameDigestInAnotherRepository() {
    String artifacts = registryPath() + "/artifacts";
    server.stubFor(
        get(urlEqualTo(artifacts + "?offset=0&limit=100"))
            .willReturn(okJson(fixture("registry-artifacts-page-1.json"))));
    server.stubFor(
        get(urlEqualTo(artifacts + "?offset=2&limit=100"))
            .willReturn(okJson(fixture("registry-artifacts-page-2.json"))));

    List<Artifact> all = repositories.artifacts().toList();

    assertThat(all)
        .extracting(Artifact::repositoryName, Artifact::digest)
        .containsExactly(
            tuple("shop/api", DIGEST),
            tuple("shop/web", OTHER_DIGEST),
            tuple("tools/debug", DIGEST));
    assertThat(all.get(1).tags()).containsExactly("2.0");
    assertThat(all.get(1).maxSeverity()).isEmpty();
    assertThat(all.get(2).pullCount()).isEqualTo(3);
    server.verify(1, getRequestedFor(urlEqualTo(artifacts + "?offset=0&limit=100")));
    server.verify(1, getRequestedFor(urlEqualTo(artifacts + "?offset=2&limit=100")));
    server.verify(2, getRequestedFor(urlPathEqualTo(artifacts)));
  }

  @Test
  void vulnerabilitiesPageOnUntilThereIsNoNextLink() {
    String vulnerabilities =
        SHOP_API + "/artifacts/" + DIGEST.replace(":", "%3A") + "/vulnerabilities";
    server.stubFor(
        get(urlEqualTo(vulnerabilities + "?offset=0&limit=100"))
            .willReturn(okJson(fixture("vulnerabilities-page-1.json"))));
    server.stubFor(
        get(urlEqualTo(vulnerabilities + "?offset=2&limit=100"))
            .willReturn(okJson(fixture("vulnerabilities-page-2.json"))));

    List<Vulnerability> found = repositories.vulnerabilities("shop/api", DIGEST).toList();

    assertThat(found)
        .extracting(Vulnerability::id, Vulnerability::severity, Vulnerability::fixable)
        .containsExactly(
            tuple("CVE-2026-12345", "HIGH", true),
            tuple("CVE-2026-20001", "MEDIUM", true),
            tuple("CVE-2025-0042", "LOW", false));
    assertThat(found.get(2).affects())
        .containsExactly(new Vulnerability.AffectedPackage("deb", "tzdata", "2025a-0"));
    assertThat(found.get(2).recommendations()).isEmpty();
    server.verify(1, getRequestedFor(urlEqualTo(vulnerabilities + "?offset=0&limit=100")));
    server.verify(1, getRequestedFor(urlEqualTo(vulnerabilities + "?offset=2&limit=100")));
    server.verify(2, getRequestedFor(urlPathEqualTo(vulnerabilities)));
  }

  @Test
  void artifactReadsOneByDigest() {
    server.stubFor(
        get(urlEqualTo(SHOP_API + "/artifacts/" + DIGEST.replace(":", "%3A")))
            .willReturn(okJson(fixture("artifact.json"))));

    Artifact artifact = repositories.artifact("shop/api", DIGEST);

    assertThat(artifact.pullCount()).isEqualTo(640);
    assertThat(artifact.lastPulledAt()).isEmpty();
  }

  @Test
  void vulnerabilitiesOfAnArtifact() {
    server.stubFor(
        get(urlEqualTo(
                SHOP_API
                    + "/artifacts/"
                    + DIGEST.replace(":", "%3A")
                    + "/vulnerabilities?offset=0&limit=100"))
            .willReturn(okJson(fixture("vulnerabilities.json"))));

    List<Vulnerability> found = repositories.vulnerabilities("shop/api", DIGEST).toList();

    assertThat(found)
        .singleElement()
        .satisfies(
            vulnerability -> {
              assertThat(vulnerability.id()).isEqualTo("CVE-2026-12345");
              assertThat(vulnerability.severity()).isEqualTo("HIGH");
              assertThat(vulnerability.score()).isEqualTo(8.1);
              assertThat(vulnerability.fixable()).isTrue();
              assertThat(vulnerability.affects())
                  .containsExactly(
                      new Vulnerability.AffectedPackage("deb", "libexample3", "3.0.7-1"));
              assertThat(vulnerability.recommendations()).contains("Upgrade libexample to 3.0.9.");
              assertThat(vulnerability.publishedAt())
                  .contains(Instant.parse("2026-06-01T00:00:00Z"));
            });
  }
}
