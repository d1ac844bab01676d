package io.github.pullsecrets.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** One {@code docker-registry} process on loopback with TLS and no authentication. */
final class LocalRegistry implements AutoCloseable {

  private final Process process;
  private final int port;

  private LocalRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a registry storing under a folder, serving the certificate and key given. */
  static LocalRegistry start(Path folder, Path certificate, Path key) throws IOException {
    int port = freePort();
    Files.createDirectories(folder);
    Path config = folder.resolve("config.yml");
    Files.writeString(config, config(folder, certificate, key, port));
    Process process =
        new ProcessBuilder("docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("registry.log").toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(process, port);
    registry.awaitListening();
    return registry;
  }

  /** Returns {@code 127.0.0.1:port}. */
  String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitListening() throws IOException {
    for (int attempt = 0; attempt < 300 && process.isAlive(); attempt++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        pause();
      }
    }
    process.destroyForcibly();
    throw new IOException("docker-registry did not listen on port " + port);
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String config(Path folder, Path certificate, Path key, int port) {
    return String.join(
        "\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + folder.resolve("data"),
        "http:",
        "  addr: 127.0.0.1:" + port,
        "  secret: benchmark-only",
        "  tls:",
        "    certificate: " + certificate,
        "    key: " + key,
        "");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
