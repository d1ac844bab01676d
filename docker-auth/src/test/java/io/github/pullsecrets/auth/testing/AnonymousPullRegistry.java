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
import java.util.stream.Stream;

/**
 * A real registry behind token auth whose token server gives a pull token to anyone who asks
 * without credentials, as Docker Hub does for public images; {@code alice} may also push. It has
 * its own directory and throwaway CA, and exposes where it stores each blob so that a test can
 * damage one. Closing stops both servers and deletes the files; a failed start closes what it had
 * started.
 */
public final class AnonymousPullRegistry implements AutoCloseable {

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Path directory;
  private final TestPki pki;
  private final TokenIssuer issuer;
  private final TestRegistry registry;

  private AnonymousPullRegistry(Path directory) {
    this.directory = directory;
    started.push(() -> delete(directory));
    try {
      this.pki = TestPki.create(directory.resolve("pki"));
      this.issuer = started(TokenIssuer.start(pki, users()));
      this.registry = started(TestRegistry.start(directory.resolve("registry"), pki, tokenAuth()));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts the token server and the registry. */
  public static AnonymousPullRegistry start() {
    try {
      return new AnonymousPullRegistry(Files.createTempDirectory("pullsecrets-anonymous"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code 127.0.0.1:port} of the registry. */
  public String host() {
    return registry.host();
  }

  /** Returns the token server. */
  public TokenIssuer issuer() {
    return issuer;
  }

  /** Returns this registry's CA certificate in PEM. */
  public String caPem() {
    return pki.caPem();
  }

  /** Returns the file in which the registry keeps a blob's bytes (filesystem storage driver). */
  public Path blobFile(String digest) {
    String hex = digest.substring(digest.indexOf(':') + 1);
    return directory.resolve(
        "registry/data/docker/registry/v2/blobs/sha256/"
            + hex.substring(0, 2)
            + "/"
            + hex
            + "/data");
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

  private <T extends AutoCloseable> T started(T resource) {
    started.push(resource);
    return resource;
  }

  private String tokenAuth() {
    return "auth:\n  token:\n    realm: "
        + issuer.realm()
        + "\n    service: "
        + TokenIssuer.SERVICE
        + "\n    issuer: "
        + TokenIssuer.ISSUER
        + "\n    rootcertbundle: "
        + pki.file("token.pem")
        + "\n";
  }

  /** The anonymous user is the empty name, which the issuer uses when no credentials come. */
  private static Map<String, TokenIssuer.User> users() {
    Instant future = Instant.now().plus(Duration.ofDays(1));
    return Map.of(
        "",
        new TokenIssuer.User(
            "", future, List.of(new TokenIssuer.Grant("repository", "", Set.of("pull")))),
        TestRegistries.ALICE,
        new TokenIssuer.User(
            TestRegistries.ALICE_PASSWORD,
            future,
            List.of(new TokenIssuer.Grant("repository", "", Set.of("pull", "push")))));
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
