package io.github.pullsecrets.auth.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds and runs the real programs the tests use, every run bounded in time. */
public final class Programs {

  private Programs() {}

  /** Returns the program's path on {@code PATH}, if it is installed. */
  public static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String directory : path.split(":")) {
      Path candidate = Path.of(directory, name);
      if (!directory.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Returns the names of the programs that are not installed. */
  public static List<String> missing(String... names) {
    return java.util.Arrays.stream(names).filter(name -> find(name).isEmpty()).toList();
  }

  /** The outcome of one run: exit status and combined output. */
  public record Run(int exitCode, String output) {

    /** Returns this run, or throws with its output when it failed. */
    public Run requireSuccess(List<String> command) {
      if (exitCode != 0) {
        throw new IllegalStateException(command + " exited " + exitCode + ": " + output);
      }
      return this;
    }
  }

  /** Runs a command in a directory, killing it when it takes longer than the limit. */
  public static Run run(
      Path directory, Duration limit, Map<String, String> env, List<String> command) {
    Path log = directory.resolve("run-" + System.nanoTime() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(env);
    Process process = null;
    try {
      process = builder.start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(command + " did not finish within " + limit);
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  /** Runs a command that must succeed within 60 seconds. */
  public static Run runOrFail(Path directory, String... command) {
    List<String> list = List.of(command);
    return run(directory, Duration.ofSeconds(60), Map.of(), list).requireSuccess(list);
  }
}
