package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real kubectl: argument list, no shell, stdin closed, a timeout. */
final class Kubectl {

  private static final long TIMEOUT_SECONDS = 30;

  private Kubectl() {}

  /** The outcome of one kubectl run. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** Skips the calling test or class when kubectl is not on the PATH. */
  static void assumeInstalled() {
    Assumptions.assumeTrue(
        installed(),
        "kubectl is not on the PATH: skipping the conformance tests that compare with it");
  }

  static boolean installed() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(java.io.File.pathSeparator)) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "kubectl"))) {
        return true;
      }
    }
    return false;
  }

  /** Returns the client's minor version, such as 32 for {@code v1.32.4}. */
  static int minorVersion(Path directory) {
    String json = succeed(directory, List.of("version", "--client", "-o", "json"));
    String minor = TestFiles.jsonValues(json).get(0).at("/clientVersion/minor").asText();
    return Integer.parseInt(minor.replaceAll("[^0-9]", ""));
  }

  /** Runs kubectl with these arguments in a directory and returns its exit code and output. */
  static Result run(Path directory, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.addAll(arguments);
    try {
      Path stdout = Files.createTempFile("kubectl", ".out");
      Path stderr = Files.createTempFile("kubectl", ".err");
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      process.getOutputStream().close();
      boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly();
      }
      assertThat(finished)
          .as("kubectl finished within %d s: %s", TIMEOUT_SECONDS, arguments)
          .isTrue();
      Result result = new Result(process.exitValue(), read(stdout), read(stderr));
      Files.delete(stdout);
      Files.delete(stderr);
      return result;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kubectl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running kubectl", e);
    }
  }

  /** Runs kubectl and asserts that it succeeded, returning its standard output. */
  static String succeed(Path directory, List<String> arguments) {
    Result result = run(directory, arguments);
    assertThat(result.exitCode()).as("kubectl %s failed: %s", arguments, result.stderr()).isZero();
    return result.stdout();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
