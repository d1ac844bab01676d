package io.github.pullsecrets.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the mirror against two real docker-registry processes on loopback with TLS: an open source
 * registry (like a public one) and a target behind htpasswd. skopeo fills the source and reads the
 * target back.
 */
class MirrorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  private final List<Process> registries = new ArrayList<>();
  private String source;
  private String target;

  @BeforeEach
  void startRegistries() throws Exception {
    assumeThat(missing("docker-registry", "skopeo", "htpasswd", "openssl"))
        .as("programs for the mirror test")
        .isEmpty();
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        "key.pem",
        "-out",
        "cert.pem");
    Files.createDirectories(folder.resolve("certs"));
    Files.copy(folder.resolve("cert.pem"), folder.resolve("certs/ca.crt"));
    String htpasswd = run("htpasswd", "-Bbn", "mirror", "mirror-pw").strip();
    Files.writeString(folder.resolve("htpasswd"), htpasswd + "\n");
    source = start("source", "");
    target =
        start(
            "target",
            "auth:\n  htpasswd:\n    realm: r\n    path: " + folder.resolve("htpasswd") + "\n");
  }

  @AfterEach
  void stopRegistries() throws InterruptedException {
    for (Process process : registries) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void mirrorsEachImageIntoThePrivateRegistryAndPrintsItsDigest() throws Exception {
    String web = fill("library/web:1.0", 1);
    String db = fill("team/db:2.3", 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status =
        Mirror.run(
            List.of(
                "--ca-bundle",
                folder.resolve("cert.pem").toString(),
                target + "/mirror",
                source + "/library/web:1.0",
                source + "/team/db:2.3"),
            Map.of("REGISTRY_USERNAME", "mirror", "REGISTRY_PASSWORD", "mirror-pw"),
            new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            source + "/library/web:1.0 -> " + target + "/mirror/library/web@" + web,
            source + "/team/db:2.3 -> " + target + "/mirror/team/db@" + db);
    assertThat(skopeoDigest(target + "/mirror/library/web:1.0")).isEqualTo(web);
    assertThat(skopeoDigest(target + "/mirror/team/db:2.3")).isEqualTo(db);
  }

  @Test
  void reportsEachImageThatFailsAndMirrorsTheRest() throws Exception {
    String web = fill("library/web:1.0", 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status =
        Mirror.run(
            List.of(
                "--ca-bundle",
                folder.resolve("cert.pem").toString(),
                target + "/mirror",
                source + "/library/missing:1.0",
                source + "/library/web:1.0"),
            Map.of("REGISTRY_USERNAME", "mirror", "REGISTRY_PASSWORD", "mirror-pw"),
            new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(1);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0))
        .startsWith(source + "/library/missing:1.0 FAILED: cannot read manifest 1.0")
        .contains("MANIFEST_UNKNOWN")
        .doesNotContain("mirror-pw");
    assertThat(lines.get(1)).endsWith("/mirror/library/web@" + web);
  }

  private String start(String name, String auth) throws Exception {
    int port = freePort();
    Path directory = Files.createDirectories(folder.resolve(name));
    Path config = directory.resolve("config.yml");
    Files.writeString(
        config,
        "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + directory.resolve("data")
            + "\n"
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n  secret: mirror-test\n"
            + "  tls:\n    certificate: "
            + folder.resolve("cert.pem")
            + "\n    key: "
            + folder.resolve("key.pem")
            + "\n"
            + auth);
    Process process =
        new ProcessBuilder("docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("registry.log").toFile())
            .start();
    registries.add(process);
    awaitListening(port);
    return "127.0.0.1:" + port;
  }

  /**
   * Writes a one-layer OCI image and copies it into the source registry with skopeo (which
   * compresses the layer on the way); returns the digest the source registry serves.
   */
  private String fill(String path, long seed) throws Exception {
    Path layout =
        Files.createDirectories(folder.resolve("layout-" + seed).resolve("blobs/sha256"))
            .getParent()
            .getParent();
    byte[] layer = new byte[20_000];
    new Random(seed).nextBytes(layer);
    ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
    config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(digest(layer));
    byte[] configBytes = JSON.writeValueAsBytes(config);
    ObjectNode manifest =
        JSON.createObjectNode()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", configBytes));
    manifest.putArray("layers").add(descriptor("application/vnd.oci.image.layer.v1.tar", layer));
    byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
    for (byte[] blob : List.of(layer, configBytes, manifestBytes)) {
      Files.write(layout.resolve("blobs/sha256/" + digest(blob).substring(7)), blob);
    }
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
    index
        .putArray("manifests")
        .add(descriptor("application/vnd.oci.image.manifest.v1+json", manifestBytes));
    Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
    run(
        "skopeo",
        "--insecure-policy",
        "copy",
        "--dest-cert-dir",
        folder.resolve("certs").toString(),
        "oci:" + layout,
        "docker://" + source + "/" + path);
    return skopeoDigest(source + "/" + path);
  }

  private String skopeoDigest(String image) throws Exception {
    String output =
        run(
            "skopeo",
            "inspect",
            "--cert-dir",
            folder.resolve("certs").toString(),
            "--creds",
            "mirror:mirror-pw",
            "docker://" + image);
    return JSON.readTree(output).path("Digest").asText();
  }

  private static ObjectNode descriptor(String mediaType, byte[] blob) {
    return JSON.createObjectNode()
        .put("mediaType", mediaType)
        .put("digest", digest(blob))
        .put("size", blob.length);
  }

  private static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String run(String... command) throws Exception {
    Path log = folder.resolve("run.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "HOME",
                folder.toString(),
                "XDG_RUNTIME_DIR",
                folder.toString(),
                "REGISTRY_AUTH_FILE",
                folder.resolve("none.json").toString()));
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out");
    }
    String output = Files.readString(log);
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }

  private static List<String> missing(String... programs) {
    List<String> missing = new ArrayList<>();
    for (String program : programs) {
      boolean found = false;
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
        found |= Files.isExecutable(Path.of(dir, program));
      }
      if (!found) {
        missing.add(program);
      }
    }
    return missing;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("docker-registry did not listen on " + port);
  }
}
