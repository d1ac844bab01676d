package io.github.pullsecrets.examples;

import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.k8s.ManifestChange;
import io.github.pullsecrets.k8s.ManifestFormat;
import io.github.pullsecrets.k8s.Manifests;
import io.github.pullsecrets.k8s.PatchTargets;
import io.github.pullsecrets.k8s.PullSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The quickstart: writes a pull Secret for a registry credential and a patched copy of each
 * manifest, with the Secret attached as an imagePullSecret to every workload.
 *
 * <p>With no arguments it runs on the project's sample manifest with a demo credential. The
 * password comes from standard input ({@code --password-stdin}) or the environment variable {@code
 * PULLSECRETS_PASSWORD}, never from the command line. Nothing is written until every input has been
 * read and patched, so a bad manifest leaves the output folder as it was.
 */
public final class Quickstart {

  static final String SAMPLE = "shop.yaml";
  static final String PASSWORD_VARIABLE = "PULLSECRETS_PASSWORD";

  private final PrintStream out;

  Quickstart(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the quickstart; exits with 0 on success, 1 on bad input, 2 on a usage error.
   *
   * @param args the command line; {@code --help} lists the options
   */
  public static void main(String[] args) {
    System.exit(execute(args, System.getenv(), System.in, System.out, System.err));
  }

  /**
   * Runs the quickstart with explicit streams and environment, and returns the exit status.
   *
   * @param args the command line
   * @param env the environment variables
   * @param stdin standard input, read only with {@code --password-stdin}
   * @param out where the summary goes
   * @param err where errors go
   * @return 0 on success, 1 on bad input, 2 on a usage error
   */
  static int execute(
      String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
    try {
      QuickstartOptions options = QuickstartOptions.parse(args, env, stdin);
      return new Quickstart(out).run(options);
    } catch (QuickstartOptions.UsageException e) {
      err.println("error: " + e.getMessage());
      err.println(QuickstartOptions.USAGE);
      return 2;
    } catch (RuntimeException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  int run(QuickstartOptions options) {
    if (options.help()) {
      out.println(QuickstartOptions.USAGE);
      return 0;
    }
    if (options.demo()) {
      out.println(
          "Using a demo credential for "
              + options.server()
              + " (give --server and --username"
              + " for your registry)");
    }
    PullSecret secret = pullSecret(options);
    Map<Path, Path> sources = new LinkedHashMap<>();
    Map<Path, Manifests> patched = patchAll(options, sources);
    String secretFile = secret.name() + "-secret" + (options.json() ? ".json" : ".yaml");
    requireNoInputOverwritten(options.out(), sources, secretFile);
    writeAll(options.out(), secret, secretFile, patched, options.json());
    return 0;
  }

  private PullSecret pullSecret(QuickstartOptions options) {
    RegistryCredential credential =
        RegistryCredential.of(options.server(), options.username(), options.password())
            .withEmail(options.email());
    PullSecret.Builder builder = PullSecret.named(options.secretName()).addCredential(credential);
    options.namespace().ifPresent(builder::namespace);
    return builder.build();
  }

  private Map<Path, Manifests> patchAll(QuickstartOptions options, Map<Path, Path> sources) {
    PatchTargets targets =
        options.serviceAccounts()
            ? PatchTargets.WORKLOADS_AND_SERVICE_ACCOUNTS
            : PatchTargets.WORKLOADS;
    Map<Path, Manifests> patched = new LinkedHashMap<>();
    for (Map.Entry<Path, Manifests> input : readInputs(options, sources).entrySet()) {
      Manifests result = input.getValue().attachPullSecret(options.secretName(), targets);
      patched.put(input.getKey(), result);
      out.println(input.getKey() + ": " + summary(result.changes()));
    }
    return patched;
  }

  private static Map<Path, Manifests> readInputs(
      QuickstartOptions options, Map<Path, Path> sources) {
    Map<Path, Manifests> inputs = new LinkedHashMap<>();
    if (options.manifests().isEmpty()) {
      inputs.put(Path.of(SAMPLE), Manifests.parse(sample(), ManifestFormat.YAML));
      return inputs;
    }
    for (Path manifest : options.manifests()) {
      for (Path file : manifestFiles(manifest)) {
        Path relative =
            Files.isDirectory(manifest) ? manifest.relativize(file) : file.getFileName();
        if (sources.put(relative, file) != null) {
          throw new IllegalArgumentException(
              "two inputs would both be written to " + relative + ": " + sources.get(relative));
        }
        inputs.put(relative, Manifests.read(file));
      }
    }
    return inputs;
  }

  /** Refuses an output folder where a written file would replace one of the inputs. */
  private static void requireNoInputOverwritten(
      Path folder, Map<Path, Path> sources, String secretFile) {
    for (Path source : sources.values()) {
      Path input = source.toAbsolutePath().normalize();
      boolean clash = input.equals(folder.resolve(secretFile).toAbsolutePath().normalize());
      for (Path relative : sources.keySet()) {
        clash |= input.equals(folder.resolve(relative).toAbsolutePath().normalize());
      }
      if (clash) {
        throw new IllegalArgumentException(
            "--out " + folder + " would overwrite the input " + source + "; choose another folder");
      }
    }
  }

  private void writeAll(
      Path folder,
      PullSecret secret,
      String secretFile,
      Map<Path, Manifests> patched,
      boolean json) {
    try {
      Files.createDirectories(folder);
      OwnerOnlyFile.write(folder.resolve(secretFile), json ? secret.toJson() : secret.toYaml());
      out.println(secretFile + ": Secret " + secret.name() + " for " + servers(secret));
      for (Map.Entry<Path, Manifests> file : patched.entrySet()) {
        Path target = folder.resolve(file.getKey());
        Files.createDirectories(target.toAbsolutePath().getParent());
        file.getValue().write(target);
      }
      out.println("Wrote " + (patched.size() + 1) + " files to " + folder.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write to " + folder + ": " + e.getMessage(), e);
    }
  }

  static String summary(List<ManifestChange> changes) {
    Map<ManifestChange.Outcome, List<ManifestChange>> byOutcome = new TreeMap<>();
    changes.forEach(c -> byOutcome.computeIfAbsent(c.outcome(), o -> new ArrayList<>()).add(c));
    List<String> parts = new ArrayList<>();
    byOutcome.forEach((outcome, list) -> parts.add(describe(outcome, list)));
    return parts.isEmpty() ? "no objects" : String.join("; ", parts);
  }

  private static String describe(ManifestChange.Outcome outcome, List<ManifestChange> changes) {
    String objects =
        changes.stream().map(c -> c.kind() + " " + c.name()).collect(Collectors.joining(", "));
    switch (outcome) {
      case ATTACHED:
        return "attached to " + changes.size() + " (" + objects + ")";
      case ALREADY_PRESENT:
        return "already in " + changes.size() + " (" + objects + ")";
      case NOT_UNDERSTOOD:
        return "NOT UNDERSTOOD, left unchanged: "
            + changes.stream().map(c -> c + "").collect(Collectors.joining(", "));
      default:
        return changes.size() + " other unchanged (" + objects + ")";
    }
  }

  private static String servers(PullSecret secret) {
    return secret.credentials().stream()
        .map(RegistryCredential::server)
        .collect(Collectors.joining(", "));
  }

  private static List<Path> manifestFiles(Path manifest) {
    if (!Files.isDirectory(manifest)) {
      return List.of(manifest);
    }
    try (Stream<Path> files = Files.walk(manifest)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + manifest + ": " + e.getMessage(), e);
    }
  }

  private static String sample() {
    try (InputStream in = Quickstart.class.getResourceAsStream(SAMPLE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
