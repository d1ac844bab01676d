package io.github.pullsecrets.k8s.internal.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.internal.http.JsonSupport;
import io.github.pullsecrets.k8s.KubeConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code client.authentication.k8s.io} exec credential plugin ({@code v1} or {@code v1beta1}):
 * runs the command with its arguments and extra environment plus {@code KUBERNETES_EXEC_INFO},
 * reads the {@code ExecCredential} it prints, and reuses the token until its {@code
 * expirationTimestamp} (or until the server rejects it). The plugin's standard error goes to this
 * process's standard error, as with kubectl. Only token credentials are supported. Thread-safe.
 */
public final class ExecPlugin implements Credentials {

  static final Set<String> API_VERSIONS =
      Set.of("client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = JsonSupport.newMapper();

  private final List<String> command;
  private final Map<String, String> environment;
  private final String apiVersion;
  private final String installHint;
  private final Clock clock;
  private String token;
  private Instant expiresAt;

  /**
   * Creates the plugin source.
   *
   * @param command the command followed by its arguments
   * @param environment variables added to this process's environment
   * @param apiVersion the ExecCredential API version the plugin speaks
   * @param installHint what to tell the user when the command is missing; may be empty
   * @param clock the clock that decides when a token has expired
   */
  public ExecPlugin(
      List<String> command,
      Map<String, String> environment,
      String apiVersion,
      String installHint,
      Clock clock) {
    if (!API_VERSIONS.contains(apiVersion)) {
      throw new KubeConfigException("unsupported exec plugin apiVersion: " + apiVersion);
    }
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.apiVersion = apiVersion;
    this.installHint = installHint;
    this.clock = clock;
  }

  @Override
  public synchronized Optional<String> bearerToken() {
    if (token == null || (expiresAt != null && !clock.instant().isBefore(expiresAt))) {
      readCredential(run());
    }
    return Optional.of(token);
  }

  @Override
  public synchronized void invalidate() {
    token = null;
  }

  @Override
  public boolean refreshable() {
    return true;
  }

  @Override
  public String describe() {
    return "exec plugin " + command.get(0);
  }

  private byte[] run() {
    Process process = start();
    CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process));
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new KubeConfigException(describe() + " did not finish within " + TIMEOUT);
      }
      if (process.exitValue() != 0) {
        throw new KubeConfigException(describe() + " failed with exit code " + process.exitValue());
      }
      return output.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new KubeConfigException("cannot read the output of " + describe(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new KubeConfigException("interrupted while running " + describe(), e);
    }
  }

  private byte[] readAll(Process process) {
    try (InputStream stdout = process.getInputStream()) {
      return stdout.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Process start() {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.environment().put("KUBERNETES_EXEC_INFO", execInfo());
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return process;
    } catch (IOException e) {
      throw new KubeConfigException(missingMessage(), e);
    }
  }

  private String missingMessage() {
    String message =
        "exec plugin \"" + command.get(0) + "\" could not be started: not found or not executable";
    return installHint.isBlank() ? message : message + "\n" + installHint.strip();
  }

  private String execInfo() {
    ObjectNode info = JSON.createObjectNode();
    info.put("kind", "ExecCredential");
    info.put("apiVersion", apiVersion);
    info.putObject("spec").put("interactive", false);
    return info.toString();
  }

  private void readCredential(byte[] output) {
    JsonNode credential = parse(output);
    if (!apiVersion.equals(credential.path("apiVersion").asText())) {
      throw new KubeConfigException(
          describe()
              + " answered apiVersion \""
              + credential.path("apiVersion").asText()
              + "\", expected "
              + apiVersion);
    }
    JsonNode status = credential.path("status");
    if (!status.path("token").isTextual() || status.path("token").asText().isEmpty()) {
      throw new KubeConfigException(
          describe()
              + " returned no status.token; client certificates from plugins are not"
              + " supported");
    }
    expiresAt = expiry(status.path("expirationTimestamp"));
    token = status.path("token").asText();
  }

  private JsonNode parse(byte[] output) {
    try {
      JsonNode node = JSON.readTree(output);
      if (node == null
          || !node.isObject()
          || !"ExecCredential".equals(node.path("kind").asText())) {
        throw new KubeConfigException(describe() + " did not print an ExecCredential object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new KubeConfigException(describe() + " printed output that is not JSON");
    } catch (IOException e) {
      throw new KubeConfigException("cannot read the output of " + describe(), e);
    }
  }

  private Instant expiry(JsonNode timestamp) {
    if (timestamp.isMissingNode() || timestamp.isNull()) {
      return null;
    }
    try {
      return Instant.parse(timestamp.asText());
    } catch (DateTimeParseException e) {
      throw new KubeConfigException(describe() + " returned a bad expirationTimestamp");
    }
  }

  /**
   * Returns the command followed by the arguments.
   *
   * @param command the command
   * @param args the arguments
   * @return the full command line
   */
  static List<String> commandLine(String command, List<String> args) {
    List<String> line = new ArrayList<>();
    line.add(command);
    line.addAll(args);
    return line;
  }

  @Override
  public String toString() {
    return "ExecPlugin{" + command.get(0) + ", " + apiVersion + "}";
  }
}
