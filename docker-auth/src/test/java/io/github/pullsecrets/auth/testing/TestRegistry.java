package io.github.pullsecrets.auth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One real {@code docker-registry} (distribution 2.8) process on a free loopback port, serving TLS
 * with the test CA's certificate. Stopped by {@link #close()}, and by a shutdown hook if the JVM
 * ends first.
 */
public final class TestRegistry implements AutoCloseable {

  private static final long START_LIMIT_MILLIS = 15_000;

  private final Process process;
  private final int port;
  private final Thread shutdownHook;

  private TestRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(process::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Writes a configuration with the given {@code auth} section and starts the registry.
   *
   * @param directory the registry's own directory (storage, config, log)
   * @param pki the certificates
   * @param authYaml the {@code auth:} section, indented by two spaces per level
   * @return the running registry, accepting connections
   */
  public static TestRegistry start(Path directory, TestPki pki, String authYaml) {
    int port = freePort();
    try {
      Files.createDirectories(directory.resolve("data"));
      Path config = directory.resolve("config.yml");
      Files.writeString(config, config(directory, pki, port) + authYaml);
      Process process =
          new ProcessBuilder("docker-registry", "serve", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("registry.log").toFile())
              .start();
      TestRegistry registry = new TestRegistry(process, port);
      registry.awaitListening(directory);
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start docker-registry", e);
    }
  }

  /** Returns the process id of the registry. */
  public long pid() {
    return process.pid();
  }

  /** Returns {@code 127.0.0.1:port}. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs anyway.
    }
  }

  private void awaitListening(Path directory) {
    long deadline = System.currentTimeMillis() + START_LIMIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        close();
        throw new IllegalStateException("docker-registry exited: " + log(directory));
      }
      if (accepts()) {
        return;
      }
      sleep();
    }
    close();
    throw new IllegalStateException(
        "docker-registry did not listen within 15 s: " + log(directory));
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String log(Path directory) {
    try {
      return Files.readString(directory.resolve("registry.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static String config(Path directory, TestPki pki, int port) {
    return "version: 0.1\n"
        + "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
        + "storage:\n  filesystem:\n    rootdirectory: "
        + directory.resolve("data")
        + "\n"
        + "  delete:\n    enabled: true\n"
        + "http:\n  addr: 127.0.0.1:"
        + port
        + "\n  secret: test-only-upload-secret\n"
        + "  tls:\n    certificate: "
        + pki.file("server.pem")
        + "\n"
        + "    key: "
        + pki.file("server.key")
        + "\n";
  }

  /** Returns a port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
