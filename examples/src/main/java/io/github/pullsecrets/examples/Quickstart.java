package io.github.pullsecrets.examples;

import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.examples.ManifestInputs.Input;
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
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The quickstart: writes a pull Secret for a registry credential and a patched copy of each
 * manifest, with the Secret attached as an imagePullSecret to every workload.
 *
 * <p>With no arguments it runs on the project's sample manifest with a demo credential. The
 * password comes from standard input ({@code --password-stdin}) or the environment variable {@code
 * PULLSECRETS_PASSWORD}, never from the command line. Nothing is written until every input has been
 * read and patched, and no input is ever overwritten, so a bad manifest leaves the output folder as
 * it was.
 */
public final class Quickstart {

  static final String SAMPLE = "shop.yaml";
  static final String PASSWORD_VARIABLE = "PULLSECRETS_PASSWORD";

  /** Exit status when a document looked like a workload but could not be understood. */
  static final int NOT_UNDERSTOOD = 3;

  private static final int MAX_FILE_NAME = 255;

  private final PrintStream out;

  Quickstart(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the quickstart and exits: 0 on success, 1 on bad input, 2 on a usage error, 3 when a
   * document was left unchanged because it could not be understood.
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
   * @return 0 on success, 1 on bad input, 2 on a usage error, 3 when something was not understood
   */
  static int execute(
      String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
    try {
      QuickstartOptions options = QuickstartOptions.parse(args, env, stdin);
      return new Quickstart(out).run(options);
    } catch (QuickstartOptions.UsageException e) {
      err.println("error: " + e.getMessage() + " (--help lists the options)");
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
          "NOTE: no --server/--username given: the Secret holds a demo credential for "
              + options.server()
              + " that no registry accepts");
    }
    PullSecret secret = pullSecret(options);
    List<Patched> patched = patchAll(options);
    String secretFile = secretFileName(secret, options.json());
    requireNoInputOverwritten(options.out(), patched, secretFile);
    requireWritableTargets(options.out(), patched, secretFile);
    patched.forEach(
        p -> out.println(p.input().outputName() + ": " + summary(p.result().changes())));
    writeAll(options.out(), secret, secretFile, patched, options.json());
    return reportNotUnderstood(patched);
  }

  /** A manifest file after patching. */
  private record Patched(Input input, Manifests result) {}

  private PullSecret pullSecret(QuickstartOptions options) {
    RegistryCredential credential =
        RegistryCredential.of(options.server(), options.username(), options.password())
            .withEmail(options.email());
    PullSecret.Builder builder = PullSecret.named(options.secretName()).addCredential(credential);
    options.namespace().ifPresent(builder::namespace);
    return builder.build();
  }

  private List<Patched> patchAll(QuickstartOptions options) {
    PatchTargets targets =
        options.serviceAccounts()
            ? PatchTargets.WORKLOADS_AND_SERVICE_ACCOUNTS
            : PatchTargets.WORKLOADS;
    List<Patched> patched = new ArrayList<>();
    for (Input input : inputs(options)) {
      Manifests result = input.manifests().attachPullSecret(options.secretName(), targets);
      patched.add(new Patched(input, result));
    }
    return patched;
  }

  private static List<Input> inputs(QuickstartOptions options) {
    if (options.manifests().isEmpty()) {
      Manifests sample = Manifests.parse(sample(), ManifestFormat.YAML);
      return List.of(new Input(Path.of(SAMPLE), Optional.empty(), sample));
    }
    return ManifestInputs.read(options.manifests(), options.out());
  }

  private static String secretFileName(PullSecret secret, boolean json) {
    String name = secret.name() + "-secret" + (json ? ".json" : ".yaml");
    return name.getBytes(StandardCharsets.UTF_8).length <= MAX_FILE_NAME
        ? name
        : "pull-secret" + (json ? ".json" : ".yaml");
  }

  /** Refuses an output folder where a written file would replace an input. */
  private static void requireNoInputOverwritten(
      Path folder, List<Patched> patched, String secretFile) {
    List<Path> targets = new ArrayList<>(List.of(normal(folder.resolve(secretFile))));
    patched.forEach(p -> targets.add(normal(folder.resolve(p.input().outputName()))));
    for (Patched file : patched) {
      Optional<Path> source = file.input().source().map(Quickstart::normal);
      if (source.isPresent() && targets.contains(source.get())) {
        throw new IllegalArgumentException(
            "--out " + folder + " would overwrite the input " + source.get() + "; choose another");
      }
      if (file.input().outputName().toString().equals(secretFile)) {
        throw new IllegalArgumentException(
            "the input " + file.input().source().orElseThrow() + " has the Secret's file name");
      }
    }
  }

  /**
   * Refuses, before anything is written, an output folder that is a file or a target that is a
   * folder, so that a run never stops half way for a reason known up front.
   */
  private static void requireWritableTargets(
      Path folder, List<Patched> patched, String secretFile) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException("--out " + folder + " is a file, not a folder");
    }
    List<Path> targets = new ArrayList<>(List.of(folder.resolve(secretFile)));
    patched.forEach(p -> targets.add(folder.resolve(p.input().outputName())));
    for (Path target : targets) {
      if (Files.isDirectory(target)) {
        throw new IllegalArgumentException(
            "cannot write " + target + ": a folder of that name is in the way");
      }
    }
  }

  private void writeAll(
      Path folder, PullSecret secret, String secretFile, List<Patched> patched, boolean json) {
    try {
      Files.createDirectories(folder);
      OwnerOnlyFile.write(folder.resolve(secretFile), json ? secret.toJson() : secret.toYaml());
      out.println(secretFile + ": Secret " + secret.name() + " for " + servers(secret));
      for (Patched file : patched) {
        write(folder.resolve(file.input().outputName()), file);
      }
      out.println("Wrote " + (patched.size() + 1) + " files to " + folder.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write to " + folder + ": " + why(e), e);
    }
  }

  /** Writes a patched manifest with the permissions of its input, which may hold secrets. */
  private static void write(Path target, Patched file) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    file.result().write(target);
    Optional<Path> source = file.input().source();
    if (source.isPresent() && Files.getFileStore(target).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source.get()));
    }
  }

  private int reportNotUnderstood(List<Patched> patched) {
    long count =
        patched.stream()
            .flatMap(p -> p.result().changes().stream())
            .filter(c -> c.outcome() == ManifestChange.Outcome.NOT_UNDERSTOOD)
            .count();
    if (count == 0) {
      return 0;
    }
    out.println(count + " document(s) not understood and left unchanged: see above");
    return NOT_UNDERSTOOD;
  }

  static String summary(List<ManifestChange> changes) {
    Map<ManifestChange.Outcome, List<ManifestChange>> byOutcome = new TreeMap<>();
    changes.forEach(c -> byOutcome.computeIfAbsent(c.outcome(), o -> new ArrayList<>()).add(c));
    List<String> parts = new ArrayList<>();
    byOutcome.forEach((outcome, list) -> parts.add(describe(outcome, list)));
    return parts.isEmpty() ? "no objects" : String.join("; ", parts);
  }

  private static String describe(ManifestChange.Outcome outcome, List<ManifestChange> changes) {
    String objects = changes.stream().map(Quickstart::object).collect(Collectors.joining(", "));
    switch (outcome) {
      case ATTACHED:
        return "attached to " + changes.size() + " (" + objects + ")";
      case ALREADY_PRESENT:
        return "already in " + changes.size() + " (" + objects + ")";
      case NOT_UNDERSTOOD:
        return "NOT UNDERSTOOD, left unchanged: "
            + changes.stream().map(ManifestChange::toString).collect(Collectors.joining(", "));
      default:
        return changes.size() + " other unchanged (" + objects + ")";
    }
  }

  private static String object(ManifestChange change) {
    String object = (change.kind() + " " + change.name()).trim();
    return object.isEmpty() ? "empty document" : object;
  }

  private static String servers(PullSecret secret) {
    return secret.credentials().stream()
        .map(RegistryCredential::server)
        .collect(Collectors.joining(", "));
  }

  /** Names the cause of a failed write in words, with the file it concerns. */
  static String why(IOException e) {
    String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : "";
    String reason;
    if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof NoSuchFileException) {
      reason = "no such file or folder";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      reason = f.getReason();
    } else {
      reason = e.getClass().getSimpleName();
    }
    return file.isEmpty() ? reason : reason + " (" + file + ")";
  }

  /**
   * Returns the absolute path with every symbolic link of its existing part resolved, so that an
   * output folder reached through a link is recognised as the input folder it is.
   */
  static Path normal(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute));
    } catch (IOException e) {
      return absolute;
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
