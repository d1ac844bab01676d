package io.github.pullsecrets.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.pullsecrets.auth.DockerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

  private static final String SENTINEL = "SENTINELquickstart42";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path folder;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void patchesTheSampleWithADemoCredentialWhenGivenNoArguments() throws IOException {
    Path target = folder.resolve("out");

    int status = run(Map.of(), "", "--out", target.toString());

    assertThat(status).isZero();
    assertThat(attachedWorkloads(target.resolve("shop.yaml")))
        .containsExactly(
            "Deployment/api",
            "Deployment/web",
            "Deployment/worker",
            "StatefulSet/db",
            "CronJob/nightly-report");
    JsonNode secret = YAML.readTree(target.resolve("dcd-secret.yaml").toFile());
    assertThat(secret.at("/metadata/namespace").asText()).isEqualTo("shop");
    assertThat(printed()).contains("shop.yaml: attached to 5").contains(target.toString());
  }

  @Test
  void attachesToServiceAccountsOnlyWhenAsked() throws IOException {
    Path plain = folder.resolve("plain");
    Path withAccounts = folder.resolve("with-accounts");

    int first = run(Map.of(), "", "--out", plain.toString(), sample().toString());
    int second =
        run(
            Map.of(),
            "",
            "--service-accounts",
            "--out",
            withAccounts.toString(),
            sample().toString());

    assertThat(first).isZero();
    assertThat(second).isZero();
    assertThat(attachedWorkloads(plain.resolve("shop.yaml"))).doesNotContain("ServiceAccount/shop");
    assertThat(attachedWorkloads(withAccounts.resolve("shop.yaml")))
        .containsExactly(
            "ServiceAccount/shop",
            "Deployment/api",
            "Deployment/web",
            "Deployment/worker",
            "StatefulSet/db",
            "CronJob/nightly-report");
    assertThat(printed()).contains("shop.yaml: attached to 6");
  }

  @Test
  void writesTheSecretOwnerOnlyWithTheGivenCredential() throws IOException {
    Path target = folder.resolve("out");
    Map<String, String> env = Map.of(Quickstart.PASSWORD_VARIABLE, SENTINEL);

    int status =
        run(
            env,
            "",
            "--server",
            "r.example.com:5000",
            "--username",
            "robot",
            "--out",
            target.toString(),
            "--json",
            sample().toString());

    assertThat(status).isZero();
    Path secretFile = target.resolve("dcd-secret.json");
    assertThat(Files.getPosixFilePermissions(secretFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    DockerConfig config = decode(new ObjectMapper().readTree(secretFile.toFile()));
    assertThat(config.credentials().get(0).server()).isEqualTo("r.example.com:5000");
    assertThat(config.credentials().get(0).password()).isEqualTo(SENTINEL);
    assertThat(printed()).doesNotContain(SENTINEL).doesNotContain(base64(SENTINEL));
  }

  @Test
  void readsThePasswordFromStandardInput() throws IOException {
    Path target = folder.resolve("out");

    int status =
        run(
            Map.of(),
            SENTINEL + "\n",
            "--server",
            "r.io",
            "--username",
            "robot",
            "--password-stdin",
            "--out",
            target.toString(),
            sample().toString());

    assertThat(status).isZero();
    JsonNode secret = YAML.readTree(target.resolve("dcd-secret.yaml").toFile());
    assertThat(decode(secret).credentials().get(0).password()).isEqualTo(SENTINEL);
    assertThat(printed()).doesNotContain(SENTINEL);
  }

  @Test
  void refusesAPasswordOnTheCommandLine() {
    int status = run(Map.of(), "", "--server", "r.io", "--username", "u", "--password", SENTINEL);

    assertThat(status).isEqualTo(2);
    assertThat(printed()).contains("not taken from the command line").doesNotContain(SENTINEL);
  }

  @Test
  void writesNothingWhenAManifestIsBad() throws IOException {
    Path bad = folder.resolve("bad.yaml");
    Files.writeString(bad, "kind: Deployment\nspec: [unclosed\n");
    Path target = folder.resolve("out");

    int status = run(Map.of(), "", "--out", target.toString(), sample().toString(), bad.toString());

    assertThat(status).isEqualTo(1);
    assertThat(target).doesNotExist();
    assertThat(printed()).contains("error: " + bad + ": document 0 (line 3)");
  }

  @Test
  void neverOverwritesItsInputs() throws IOException {
    Path input = folder.resolve("app.yaml");
    Files.copy(sample(), input);
    byte[] before = Files.readAllBytes(input);

    int status = run(Map.of(), "", "--out", folder.toString(), input.toString());

    assertThat(status).isEqualTo(1);
    assertThat(printed()).contains("would overwrite the input").doesNotContain("attached to");
    assertThat(Files.readAllBytes(input)).isEqualTo(before);
    assertThat(folder.resolve("dcd-secret.yaml")).doesNotExist();
  }

  @Test
  void neverOverwritesItsInputsThroughASymbolicLink() throws IOException {
    Path inputs = Files.createDirectories(folder.resolve("manifests"));
    Path input = inputs.resolve("app.yaml");
    Files.copy(sample(), input);
    byte[] before = Files.readAllBytes(input);
    Path link = Files.createSymbolicLink(folder.resolve("link"), inputs);

    int status = run(Map.of(), "", "--out", link.toString(), inputs.toString());

    assertThat(status).isEqualTo(1);
    assertThat(printed()).contains("would overwrite the input");
    assertThat(Files.readAllBytes(input)).isEqualTo(before);
    assertThat(inputs.resolve("dcd-secret.yaml")).doesNotExist();
  }

  @Test
  void writesNothingWhenAFolderIsWhereAFileWouldGo() throws IOException {
    Path target = folder.resolve("out");
    Files.createDirectories(target.resolve("shop.yaml"));

    int status = run(Map.of(), "", "--out", target.toString(), sample().toString());

    assertThat(status).isEqualTo(1);
    assertThat(printed()).contains("a folder of that name is in the way");
    assertThat(target.resolve("dcd-secret.yaml")).doesNotExist();
  }

  @Test
  void refusesAPasswordWithoutServerAndUserInsteadOfUsingTheDemo() {
    Map<String, String> env = Map.of(Quickstart.PASSWORD_VARIABLE, SENTINEL);

    int status = run(env, "", "--out", folder.resolve("out").toString(), sample().toString());

    assertThat(status).isEqualTo(2);
    assertThat(printed())
        .contains("a password was given without --server and --username")
        .doesNotContain(SENTINEL);
    assertThat(folder.resolve("out")).doesNotExist();
  }

  @Test
  void refusesAServerWithUserInformationWithoutEchoingIt() {
    Map<String, String> env = Map.of(Quickstart.PASSWORD_VARIABLE, "pw");
    String server = "robot:" + SENTINEL + "@r.example.com";

    int status = run(env, "", "--server", server, "--username", "robot");

    assertThat(status).isEqualTo(2);
    assertThat(printed()).contains("must not hold user information").doesNotContain(SENTINEL);
  }

  @Test
  void namesAFileThatIsNotUtf8() throws IOException {
    Path binary = folder.resolve("image.yaml");
    Files.write(binary, new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28});

    int status = run(Map.of(), "", "--out", folder.resolve("out").toString(), binary.toString());

    assertThat(status).isEqualTo(1);
    assertThat(printed()).contains("error: " + binary + ": is not UTF-8 text");
  }

  @Test
  void refusesTwoInputsWithTheSameOutputName() throws IOException {
    Path first = Files.createDirectories(folder.resolve("a")).resolve("app.yaml");
    Path second = Files.createDirectories(folder.resolve("b")).resolve("app.yaml");
    Files.copy(sample(), first);
    Files.copy(sample(), second);

    int status =
        run(
            Map.of(),
            "",
            "--out",
            folder.resolve("out").toString(),
            first.toString(),
            second.toString());

    assertThat(status).isEqualTo(1);
    assertThat(printed()).contains("two inputs would both be written to app.yaml");
    assertThat(folder.resolve("out")).doesNotExist();
  }

  @Test
  void keepsTheInputPermissionsOnPatchedManifests() throws IOException {
    Path input = folder.resolve("in").resolve("private.yaml");
    Files.createDirectories(input.getParent());
    Files.copy(sample(), input);
    Files.setPosixFilePermissions(input, PosixFilePermissions.fromString("rw-------"));
    Path target = folder.resolve("out");

    int status = run(Map.of(), "", "--out", target.toString(), input.getParent().toString());

    assertThat(status).isZero();
    assertThat(Files.getPosixFilePermissions(target.resolve("private.yaml")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void refusesAnInputNamedLikeTheSecretFile() throws IOException {
    Path input = Files.createDirectories(folder.resolve("in")).resolve("dcd-secret.yaml");
    Files.copy(sample(), input);

    int status = run(Map.of(), "", "--out", folder.resolve("out").toString(), input.toString());

    assertThat(status).isEqualTo(1);
    assertThat(printed()).contains("has the Secret's file name");
    assertThat(folder.resolve("out")).doesNotExist();
  }

  @Test
  void skipsItsOwnOutputAndHiddenFoldersInsideAnInputFolder() throws IOException {
    Path input = Files.createDirectories(folder.resolve("k8s"));
    Files.copy(sample(), input.resolve("APP.YAML"));
    Files.createDirectories(input.resolve(".git"));
    Files.writeString(input.resolve(".git").resolve("bad.yaml"), "not: [valid");
    Path target = input.resolve("out");

    int first = run(Map.of(), "", "--out", target.toString(), input.toString());
    int second = run(Map.of(), "", "--out", target.toString(), input.toString());

    assertThat(first).isZero();
    assertThat(second).isZero();
    assertThat(target.resolve("APP.YAML")).exists();
    assertThat(target.resolve("out")).doesNotExist();
  }

  @Test
  void failsWhenAFolderHoldsNoManifest() throws IOException {
    Path empty = Files.createDirectories(folder.resolve("empty"));

    int status = run(Map.of(), "", "--out", folder.resolve("out").toString(), empty.toString());

    assertThat(status).isEqualTo(1);
    assertThat(printed()).contains("no manifest files");
  }

  @Test
  void exitsWith3WhenADocumentIsNotUnderstood() throws IOException {
    Path odd = folder.resolve("odd.yaml");
    Files.writeString(
        odd,
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template: text\n");

    int status = run(Map.of(), "", "--out", folder.resolve("out").toString(), odd.toString());

    assertThat(status).isEqualTo(Quickstart.NOT_UNDERSTOOD);
    assertThat(printed()).contains("NOT UNDERSTOOD").contains("1 document(s) not understood");
    assertThat(Files.readString(folder.resolve("out").resolve("odd.yaml")))
        .isEqualTo(Files.readString(odd));
  }

  @Test
  void keepsNewlinesInsideAPasswordFromStandardInput() throws IOException {
    Path target = folder.resolve("out");

    int status =
        run(
            Map.of(),
            "line one\nline two\n",
            "--server",
            "r.io",
            "--username",
            "robot",
            "--password-stdin",
            "--out",
            target.toString(),
            sample().toString());

    assertThat(status).isZero();
    JsonNode secret = YAML.readTree(target.resolve("dcd-secret.yaml").toFile());
    assertThat(decode(secret).credentials().get(0).password()).isEqualTo("line one\nline two");
  }

  @Test
  void patchesEveryDeploymentOfTheMicroservicesDemo() throws IOException {
    Path demo = sharedDir().resolve("fixtures/manifests/microservices-demo-release.yaml");
    Assumptions.assumeTrue(
        Files.isRegularFile(demo), "shared fixtures absent: " + demo + " (skipping)");
    Path target = folder.resolve("out");

    int status = run(Map.of(), "", "--out", target.toString(), demo.toString());

    assertThat(status).isZero();
    List<String> attached = attachedWorkloads(target.resolve(demo.getFileName()));
    assertThat(attached).hasSize(12).allMatch(workload -> workload.startsWith("Deployment/"));
  }

  private int run(Map<String, String> env, String stdin, String... args) {
    ByteArrayInputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    return Quickstart.execute(
        args,
        env,
        in,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  private static List<String> attachedWorkloads(Path manifest) throws IOException {
    List<String> attached = new ArrayList<>();
    try (MappingIterator<JsonNode> documents =
        YAML.readerFor(JsonNode.class).readValues(manifest.toFile())) {
      for (JsonNode document : documents.readAll()) {
        if (document.toString().contains("{\"name\":\"dcd\"}")) {
          attached.add(
              document.path("kind").asText() + "/" + document.at("/metadata/name").asText());
        }
      }
    }
    return attached;
  }

  private static DockerConfig decode(JsonNode secret) {
    String data = secret.at("/data/.dockerconfigjson").asText();
    return DockerConfig.parse(Base64.getDecoder().decode(data));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Path sample() {
    return Path.of("src/main/resources/io/github/pullsecrets/examples/shop.yaml");
  }

  private static Path sharedDir() {
    String configured = System.getProperty("pullsecrets.shared.dir");
    return configured != null ? Path.of(configured) : Path.of("../../shared");
  }
}
