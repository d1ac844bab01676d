package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pullsecrets.auth.testing.Programs;
import io.github.pullsecrets.auth.testing.RegistryExtension;
import io.github.pullsecrets.auth.testing.TestRegistries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker login without docker, checked by a real client: skopeo reads the config.json written by
 * login, and the .dockerconfigjson written by DockerConfig, and agrees with our checks.
 */
class DockerLoginInteropTest {

  @RegisterExtension static final RegistryExtension REGISTRIES = new RegistryExtension();

  private static TestRegistries registries() {
    return REGISTRIES.get();
  }

  private static RegistryAccess access() {
    return RegistryAccess.builder()
        .caBundle(registries().caPem())
        .retryPolicy(RetryPolicy.disabled())
        .build();
  }

  @Test
  void loginWritesTheDockerCliFileAndSkopeoPullsWithIt() throws IOException {
    Path directory = registries().newDirectory("docker");
    DockerConfigFile config = DockerConfigFile.in(directory);
    String address = "https://" + registries().basicHost() + "/v2/";

    LoginResult login = access().login(RegistryCredential.of(address, "alice", "s3cret"), config);

    assertThat(login.stored()).isTrue();
    assertThat(login.key()).isEqualTo(registries().basicHost());
    assertThat(Files.readString(config.path()))
        .isEqualTo(
            "{\n\t\"auths\": {\n\t\t\""
                + registries().basicHost()
                + "\": {\n\t\t\t\"auth\": \"YWxpY2U6czNjcmV0\"\n\t\t}\n\t}\n}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.path())))
        .isEqualTo("rw-------");
    assertThat(
            registries()
                .skopeoInspect(config.path(), registries().basicHost() + "/team/app:1.0")
                .output())
        .contains(registries().digest());
  }

  @Test
  void failedLoginStoresNothingAndSkopeoFailsToo() {
    DockerConfigFile config = DockerConfigFile.in(registries().newDirectory("docker"));
    String image = registries().basicHost() + "/team/app:1.0";

    LoginResult login =
        access().login(RegistryCredential.of(registries().basicHost(), "alice", "wrong"), config);
    Path authFile =
        writeSecret(
            DockerConfig.of(RegistryCredential.of(registries().basicHost(), "alice", "wrong")));

    assertThat(login.stored()).isFalse();
    assertThat(login.result().outcome()).isEqualTo(AccessOutcome.BAD_CREDENTIALS);
    assertThat(config.path()).doesNotExist();
    Programs.Run run = registries().skopeoInspect(authFile, image);
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("unauthorized");
  }

  @Test
  void tokenLoginStoresTheIdentityTokenAndSkopeoUsesIt() throws IOException {
    DockerConfigFile config = DockerConfigFile.in(registries().newDirectory("docker"));

    LoginResult login =
        access().login(RegistryCredential.of(registries().tokenHost(), "alice", "s3cret"), config);

    assertThat(login.stored()).isTrue();
    assertThat(Files.readString(config.path()))
        .contains("\"auth\": \"YWxpY2U6\"")
        .contains("\"identitytoken\": \"refresh-");
    assertThat(
            registries()
                .skopeoInspect(config.path(), registries().tokenHost() + "/team/app:1.0")
                .output())
        .contains(registries().digest());
  }

  @Test
  void skopeoAgreesWithEveryCheckOnTheTokenRegistry() {
    String host = registries().tokenHost();
    List<String[]> cases =
        List.of(
            new String[] {"puller", "pullpw", "team/app:1.0"},
            new String[] {"other", "otherpw", "team/app:1.0"},
            new String[] {"other", "otherpw", "team/other:1.0"},
            new String[] {"alice", "wrong", "team/app:1.0"},
            new String[] {"alice", "s3cret", "team/app:nope"},
            new String[] {"expired", "expiredpw", "team/app:1.0"});

    for (String[] c : cases) {
      RegistryCredential credential = RegistryCredential.of(host, c[0], c[1]);
      boolean weSay = access().forCredential(credential).canPull(host + "/" + c[2]).ok();
      Programs.Run skopeo =
          registries().skopeoInspect(writeSecret(DockerConfig.of(credential)), host + "/" + c[2]);

      assertThat(skopeo.exitCode() == 0)
          .as("skopeo for %s on %s: %s", c[0], c[2], skopeo.output())
          .isEqualTo(weSay);
    }
  }

  @Test
  void loginMergesKeepsUnknownFieldsAndReportsAShadowingHelper() throws IOException {
    Path directory = registries().newDirectory("docker");
    Files.writeString(
        directory.resolve("config.json"),
        "{\"auths\":{\"other.io\":{\"auth\":"
            + "\"Ym9iOnB3\"}},\"credHelpers\":{\""
            + registries().basicHost()
            + "\":\"vault\"},"
            + "\"psFormat\":\"table {{.ID}}\"}");
    DockerConfigFile config = DockerConfigFile.in(directory);

    LoginResult login =
        access().login(RegistryCredential.of(registries().basicHost(), "alice", "s3cret"), config);

    assertThat(login.shadowingHelper()).contains("vault");
    String written = Files.readString(config.path());
    assertThat(written)
        .startsWith("{\n\t\"auths\": {\n\t\t\"" + registries().basicHost())
        .contains("\"other.io\": {\n\t\t\t\"auth\": \"Ym9iOnB3\"")
        .contains("\"psFormat\": \"table {{.ID}}\"")
        .doesNotEndWith("\n");
    assertThat(config.logout(registries().basicHost())).containsExactly(registries().basicHost());
    assertThat(Files.readString(config.path()))
        .doesNotContain(registries().basicHost() + "\":" + " {\n\t\t\t\"auth");
  }

  @Test
  void credentialHelperIsRunAsTheDockerCliDoes() throws IOException {
    Path directory = registries().newDirectory("docker");
    Path bin = Files.createDirectories(directory.resolve("bin"));
    Path helper = bin.resolve("docker-credential-testhelper");
    Files.writeString(
        helper,
        "#!/bin/sh\nread server\nif [ \"$1\" = get ] && [ \"$server\" = \""
            + registries().tokenHost()
            + "\" ]; then\n"
            + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"puller\",\"Secret\":\"pullpw\"}'"
            + " \"$server\"\n"
            + "else\n"
            + "  echo 'credentials not found in native keychain'\n"
            + "  exit 1\n"
            + "fi\n");
    helper.toFile().setExecutable(true);
    Files.writeString(directory.resolve("config.json"), "{\"credsStore\":\"testhelper\"}");
    DockerConfigFile config = DockerConfigFile.in(directory);

    CredentialLookup found =
        config.lookup(
            ImageReference.parse(registries().tokenHost() + "/team/app:1.0"),
            CredentialHelpers.in(List.of(bin)));
    CredentialLookup missing = config.lookup("elsewhere.io", CredentialHelpers.in(List.of(bin)));
    CredentialLookup notRun = config.lookup(registries().tokenHost(), CredentialHelpers.disabled());

    assertThat(found.source()).isEqualTo(CredentialLookup.Source.CREDENTIALS_STORE);
    assertThat(found.credential().map(RegistryCredential::username)).contains("puller");
    assertThat(
            access()
                .forCredential(found.credential().orElseThrow())
                .canPull(registries().tokenHost() + "/team/app:1.0")
                .ok())
        .isTrue();
    assertThat(missing.credential()).isEmpty();
    assertThat(notRun.helper()).contains("testhelper");
    assertThat(notRun.credential()).isEmpty();
    assertThat(
            registries()
                .skopeoInspect(
                    writeSecret(DockerConfig.of(found.credential().orElseThrow())),
                    registries().tokenHost() + "/team/app:1.0")
                .exitCode())
        .isZero();
  }

  private static Path writeSecret(DockerConfig config) {
    try {
      Path file = registries().newDirectory("secret").resolve("dockerconfigjson");
      Files.writeString(file, config.toJson());
      return file;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
