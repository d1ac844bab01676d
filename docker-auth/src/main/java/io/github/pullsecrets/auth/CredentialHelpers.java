package io.github.pullsecrets.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pullsecrets.auth.internal.GoJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Whether and where to run {@code docker-credential-<name>} helpers, and running their {@code get}
 * command as the docker CLI does: the server key on standard input, a JSON {@code
 * {"ServerURL","Username","Secret"}} on standard output; a user name of {@code <token>} means the
 * secret is an identity token. Immutable.
 */
public final class CredentialHelpers {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final String TOKEN_USER = "<token>";
  private static final int MAX_OUTPUT = 64 * 1024;

  private final List<Path> directories;
  private final long timeoutMillis;

  private CredentialHelpers(List<Path> directories, long timeoutMillis) {
    this.directories = List.copyOf(directories);
    this.timeoutMillis = timeoutMillis;
  }

  /** Returns a policy that never runs a helper; lookups only say which helper would be used. */
  public static CredentialHelpers disabled() {
    return new CredentialHelpers(List.of(), 0);
  }

  /** Returns a policy that runs helpers found on {@code PATH}, with a 30 second limit. */
  public static CredentialHelpers onPath() {
    String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
    List<Path> directories = new ArrayList<>();
    for (String directory : path.split(java.io.File.pathSeparator)) {
      if (!directory.isEmpty()) {
        directories.add(Path.of(directory));
      }
    }
    return new CredentialHelpers(directories, 30_000);
  }

  /**
   * Returns a policy that runs helpers found in the given directories only.
   *
   * @param directories where to look for {@code docker-credential-<name>}, in order
   * @return the policy, with a 30 second limit per run
   */
  public static CredentialHelpers in(List<Path> directories) {
    return new CredentialHelpers(directories, 30_000);
  }

  /** Returns whether this policy runs helpers. */
  public boolean enabled() {
    return !directories.isEmpty();
  }

  /**
   * Asks a helper for the credential of a server key.
   *
   * @param helper the helper name, as in {@code credHelpers} or {@code credsStore}
   * @param key the server key
   * @return the credential, keyed by {@code key}; empty when the helper has none for it
   * @throws CredentialHelperException if the helper is missing, fails or times out
   */
  Optional<RegistryCredential> get(String helper, String key) {
    Path program = find(helper);
    Process process = start(program, helper);
    byte[] output = exchange(process, helper, key);
    if (process.exitValue() != 0) {
      return notFound(helper, process.exitValue(), output);
    }
    return Optional.of(read(helper, key, output));
  }

  private Path find(String helper) {
    if (!NAME.matcher(helper).matches()) {
      throw new CredentialHelperException(
          "credential helper name \"" + helper + "\" is not a plain program name");
    }
    String file = "docker-credential-" + helper;
    return directories.stream()
        .map(d -> d.resolve(file))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new CredentialHelperException(file + " was not found"));
  }

  private static Process start(Path program, String helper) {
    try {
      return new ProcessBuilder(program.toString(), "get")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new CredentialHelperException("could not run docker-credential-" + helper, e);
    }
  }

  private byte[] exchange(Process process, String helper, String key) {
    CompletableFuture<byte[]> output =
        CompletableFuture.supplyAsync(() -> readBounded(process.getInputStream()));
    try (OutputStream in = process.getOutputStream()) {
      in.write(key.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The helper may exit without reading its input; its exit status tells the rest.
    }
    try {
      byte[] bytes = output.get(timeoutMillis, TimeUnit.MILLISECONDS);
      if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new TimeoutException();
      }
      return bytes;
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      throw new CredentialHelperException(
          "docker-credential-" + helper + " did not answer within " + timeoutMillis + " ms");
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CredentialHelperException("interrupted while running docker-credential-" + helper);
    }
  }

  private static byte[] readBounded(InputStream stream) {
    try (stream) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
        if (out.size() < MAX_OUTPUT) {
          out.write(buffer, 0, Math.min(n, MAX_OUTPUT - out.size()));
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static Optional<RegistryCredential> notFound(String helper, int exit, byte[] output) {
    String text = new String(output, StandardCharsets.UTF_8);
    if (text.contains("credentials not found")) {
      return Optional.empty();
    }
    throw new CredentialHelperException(
        "docker-credential-" + helper + " get exited with status " + exit);
  }

  private static RegistryCredential read(String helper, String key, byte[] output) {
    JsonNode answer;
    try {
      answer = GoJson.mapper().readTree(output);
    } catch (IOException e) {
      throw new CredentialHelperException(
          "docker-credential-" + helper + " get did not print JSON");
    }
    String user = text(answer, "Username");
    String secret = text(answer, "Secret");
    if (TOKEN_USER.equals(user) && !secret.isEmpty()) {
      return RegistryCredential.withIdentityToken(key, "", secret);
    }
    return RegistryCredential.of(key, user, secret);
  }

  private static String text(JsonNode answer, String field) {
    JsonNode value = answer == null ? null : answer.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  @Override
  public String toString() {
    return enabled() ? "CredentialHelpers" + directories : "CredentialHelpers{disabled}";
  }
}
