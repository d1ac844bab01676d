package io.github.pullsecrets.auth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Two real registries filled with a tiny image, each behind TLS from a throwaway CA: one with
 * htpasswd (bcrypt) Basic auth, one with token auth whose realm is a {@link TokenIssuer}. Both hold
 * {@code team/app:1.0}, {@code team/app:1.1} and {@code team/other:1.0}. Closing stops every
 * process and deletes the files; a failed start closes what it had started.
 */
public final class TestRegistries implements AutoCloseable {

  /** Programs the fixture needs. */
  public static final String[] PROGRAMS = {"docker-registry", "skopeo", "htpasswd", "openssl"};

  /** A user of both registries with every right. */
  public static final String ALICE = "alice";

  /** Alice's password. */
  public static final String ALICE_PASSWORD = "s3cret";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Path directory;
  private final TestPki pki;
  private final TestRegistry basic;
  private final TokenIssuer issuer;
  private final TestRegistry token;
  private final String digest;

  private TestRegistries(Path directory, Consumer<TestRegistries> afterProcessesStarted) {
    this.directory = directory;
    started.push(() -> delete(directory));
    try {
      this.pki = TestPki.create(directory.resolve("pki"));
      this.basic = started(TestRegistry.start(directory.resolve("basic"), pki, htpasswdAuth()));
      this.issuer = started(TokenIssuer.start(pki, users()));
      this.token = started(TestRegistry.start(directory.resolve("token"), pki, tokenAuth()));
      afterProcessesStarted.accept(this);
      this.digest = OciImage.write(directory.resolve("layout"), "1.0", "hello from pullsecrets\n");
      fill(basic);
      fill(token);
    } catch (RuntimeException | Error e) {
      closeAfter(e);
      throw e;
    }
  }

  /** Starts both registries, or closes whatever started and rethrows. */
  public static TestRegistries start() {
    return start(registries -> {});
  }

  /**
   * Starts both registries, running a step once their processes run and before they are filled;
   * closes whatever started and rethrows when any step fails.
   */
  static TestRegistries start(Consumer<TestRegistries> afterProcessesStarted) {
    Path directory;
    try {
      directory = Files.createTempDirectory("pullsecrets-registries");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestRegistries(directory, afterProcessesStarted);
  }

  /** Returns the process ids of the two registries. */
  public List<Long> pids() {
    return List.of(basic.pid(), token.pid());
  }

  /** Returns the fixture's own directory, deleted by {@link #close()}. */
  public Path directory() {
    return directory;
  }

  /** Returns the host of the htpasswd registry. */
  public String basicHost() {
    return basic.host();
  }

  /** Returns the host of the token-auth registry. */
  public String tokenHost() {
    return token.host();
  }

  /** Returns the token server. */
  public TokenIssuer issuer() {
    return issuer;
  }

  /** Returns the test CA certificate in PEM. */
  public String caPem() {
    return pki.caPem();
  }

  /** Returns a TLS context serving a certificate of the test CA, for servers a test starts. */
  public javax.net.ssl.SSLContext serverContext() {
    return pki.serverContext();
  }

  /** Returns a directory holding the CA as {@code ca.crt}, for skopeo's {@code --cert-dir}. */
  public Path certDir() {
    return pki.certDir();
  }

  /** Returns the digest of the manifest pushed to every repository. */
  public String digest() {
    return digest;
  }

  /**
   * Returns the blob upload sessions a registry holds open for a repository, read from its storage,
   * so that a test can see whether an upload was cancelled: the {@code _uploads} folders that hold
   * {@code startedat}, which the registry needs to resume a session (distribution 2.8 leaves the
   * folder of a cancelled upload behind, holding only hash state).
   */
  public List<String> openUploads(String host, String repository) {
    TestRegistry registry = host.equals(basicHost()) ? basic : token;
    Path uploads =
        directory
            .resolve(registry == basic ? "basic" : "token")
            .resolve("data/docker/registry/v2/repositories")
            .resolve(repository)
            .resolve("_uploads");
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (Stream<Path> sessions = Files.list(uploads)) {
      return sessions
          .filter(session -> Files.exists(session.resolve("startedat")))
          .map(path -> path.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a new empty directory inside the fixture's directory. */
  public Path newDirectory(String prefix) {
    try {
      return Files.createTempDirectory(directory, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs skopeo with global options, then a command with an auth file and the test CA (for both
   * source and destination of a copy), then the command's arguments; returns the run.
   */
  public Programs.Run skopeo(
      Path authFile, List<String> globalOptions, String command, List<String> arguments) {
    List<String> line = new java.util.ArrayList<>(List.of("skopeo", "--debug=false"));
    line.addAll(globalOptions);
    if (command.equals("copy")) {
      line.addAll(List.of("--insecure-policy", "copy", "--authfile", authFile.toString()));
      line.addAll(List.of("--src-cert-dir", certDir().toString()));
      line.addAll(List.of("--dest-cert-dir", certDir().toString()));
    } else {
      line.addAll(List.of(command, "--authfile", authFile.toString()));
      line.addAll(List.of("--cert-dir", certDir().toString()));
    }
    line.addAll(arguments);
    return Programs.run(directory, Duration.ofSeconds(60), skopeoEnv(), line);
  }

  /** Runs {@code skopeo inspect} of an image with an auth file; returns the run. */
  public Programs.Run skopeoInspect(Path authFile, String image) {
    List<String> command =
        List.of(
            "skopeo",
            "--debug=false",
            "inspect",
            "--authfile",
            authFile.toString(),
            "--cert-dir",
            certDir().toString(),
            "docker://" + image);
    return Programs.run(directory, Duration.ofSeconds(60), skopeoEnv(), command);
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        failure = failure == null ? new IllegalStateException("cleanup failed", e) : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void closeAfter(Throwable failure) {
    try {
      close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private <T extends AutoCloseable> T started(T resource) {
    started.push(resource);
    return resource;
  }

  private void fill(TestRegistry registry) {
    for (String target : List.of("team/app:1.0", "team/app:1.1", "team/other:1.0")) {
      List<String> command =
          List.of(
              "skopeo",
              "--insecure-policy",
              "copy",
              "--dest-cert-dir",
              certDir().toString(),
              "--dest-creds",
              ALICE + ":" + ALICE_PASSWORD,
              "oci:" + directory.resolve("layout") + ":1.0",
              "docker://" + registry.host() + "/" + target);
      Programs.run(directory, Duration.ofSeconds(60), skopeoEnv(), command).requireSuccess(command);
    }
  }

  private Map<String, String> skopeoEnv() {
    return Map.of(
        "HOME",
        directory.toString(),
        "XDG_RUNTIME_DIR",
        directory.toString(),
        "REGISTRY_AUTH_FILE",
        directory.resolve("no-such-auth.json").toString());
  }

  private String htpasswdAuth() {
    Path file = directory.resolve("htpasswd");
    String line =
        Programs.runOrFail(directory, "htpasswd", "-Bbn", ALICE, ALICE_PASSWORD).output().strip();
    try {
      Files.writeString(file, line + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "auth:\n  htpasswd:\n    realm: basic-realm\n    path: " + file + "\n";
  }

  private String tokenAuth() {
    return "auth:\n  token:\n    realm: "
        + issuer.realm()
        + "\n    service: "
        + TokenIssuer.SERVICE
        + "\n    issuer: "
        + TokenIssuer.ISSUER
        + "\n"
        + "    rootcertbundle: "
        + pki.file("token.pem")
        + "\n";
  }

  private static Map<String, TokenIssuer.User> users() {
    Instant future = Instant.now().plus(Duration.ofDays(1));
    Set<String> all = Set.of("pull", "push", "delete");
    return Map.of(
        ALICE,
        new TokenIssuer.User(
            ALICE_PASSWORD,
            future,
            List.of(
                new TokenIssuer.Grant("repository", "", all),
                new TokenIssuer.Grant("registry", "catalog", Set.of("*")))),
        "puller",
        new TokenIssuer.User(
            "pullpw",
            future,
            List.of(new TokenIssuer.Grant("repository", "team/app", Set.of("pull")))),
        "other",
        new TokenIssuer.User(
            "otherpw",
            future,
            List.of(new TokenIssuer.Grant("repository", "team/other", Set.of("pull")))),
        "expired",
        new TokenIssuer.User(
            "expiredpw",
            Instant.now().minus(Duration.ofDays(1)),
            List.of(new TokenIssuer.Grant("repository", "", all))));
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
