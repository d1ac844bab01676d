package io.github.pullsecrets.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The quickstart's command line, read into values; the password never comes from it. */
final class QuickstartOptions {

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar pullsecrets-examples.jar [options] [MANIFEST_FILE_OR_FOLDER ...]",
          "",
          "Writes a kubernetes.io/dockerconfigjson pull Secret and a copy of each manifest with",
          "the Secret attached to every workload. With no arguments: a demo credential and the",
          "project's sample manifest.",
          "",
          "  --server HOST         registry server (login server), written verbatim",
          "  --username NAME       registry user name (token name)",
          "  --password-stdin      read the password from standard input; otherwise it is read",
          "                        from the environment variable PULLSECRETS_PASSWORD",
          "  --email ADDRESS       optional email stored with the credential",
          "  --secret-name NAME    name of the Secret (default: dcd)",
          "  --namespace NS        namespace of the Secret (default: none)",
          "  --out FOLDER          output folder (default: pullsecrets-out)",
          "  --service-accounts    also attach the Secret to ServiceAccounts",
          "  --json                write the Secret as JSON instead of YAML (manifests keep",
          "                        their own format)",
          "  --help                show this text",
          "",
          "The Secret file is written owner-only; patched manifests keep their input's",
          "permissions. No input is ever overwritten. Exit status: 0 done, 1 bad input,",
          "2 bad command line, 3 some document was not understood (left unchanged).");

  static final String DEMO_SERVER = "shop.cr.de-fra.ionos.com";
  static final String DEMO_USERNAME = "kubernetes-pull";
  static final String DEMO_PASSWORD = "demo-password-not-a-real-one";
  static final String DEMO_NAMESPACE = "shop";

  private String server = "";
  private String username = "";
  private String password = "";
  private String email = "";
  private String secretName = "dcd";
  private String namespace = "";
  private Path out = Path.of("pullsecrets-out");
  private boolean passwordFromStdin;
  private boolean serviceAccounts;
  private boolean json;
  private boolean help;
  private boolean demo;
  private final List<Path> manifests = new ArrayList<>();

  private QuickstartOptions() {}

  static QuickstartOptions parse(String[] args, Map<String, String> env, InputStream stdin) {
    QuickstartOptions options = new QuickstartOptions();
    for (int i = 0; i < args.length; i++) {
      i = options.read(args, i);
    }
    options.resolveCredential(env, stdin);
    return options;
  }

  private int read(String[] args, int i) {
    String arg = args[i];
    switch (arg) {
      case "--server":
        server = value(args, i);
        return i + 1;
      case "--username":
        username = value(args, i);
        return i + 1;
      case "--email":
        email = value(args, i);
        return i + 1;
      case "--secret-name":
        secretName = value(args, i);
        return i + 1;
      case "--namespace":
        namespace = value(args, i);
        return i + 1;
      case "--out":
        out = Path.of(value(args, i));
        return i + 1;
      default:
        return readFlag(arg, i);
    }
  }

  private int readFlag(String arg, int i) {
    switch (arg) {
      case "--password-stdin":
        passwordFromStdin = true;
        break;
      case "--service-accounts":
        serviceAccounts = true;
        break;
      case "--json":
        json = true;
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        readOther(arg);
    }
    return i;
  }

  private void readOther(String arg) {
    if (arg.startsWith("--password")) {
      throw new UsageException(
          "the password is not taken from the command line: use --password-stdin or "
              + Quickstart.PASSWORD_VARIABLE);
    }
    if (arg.startsWith("-")) {
      throw new UsageException("unknown option " + arg);
    }
    manifests.add(Path.of(arg));
  }

  private void resolveCredential(Map<String, String> env, InputStream stdin) {
    boolean passwordGiven =
        passwordFromStdin || !env.getOrDefault(Quickstart.PASSWORD_VARIABLE, "").isEmpty();
    if (server.isEmpty() && username.isEmpty() && !passwordGiven) {
      server = DEMO_SERVER;
      username = DEMO_USERNAME;
      password = DEMO_PASSWORD;
      demo = true;
      if (manifests.isEmpty() && namespace.isEmpty()) {
        namespace = DEMO_NAMESPACE;
      }
      return;
    }
    if (server.isEmpty() || username.isEmpty()) {
      throw new UsageException(
          server.isEmpty() && username.isEmpty()
              ? "a password was given without --server and --username"
              : "--server and --username go together");
    }
    if (server.contains("@")) {
      throw new UsageException("--server must not hold user information (user@ or user:password@)");
    }
    if (passwordFromStdin) {
      password = readPassword(stdin);
      if (password.isEmpty()) {
        throw new UsageException("--password-stdin: standard input held no password");
      }
      return;
    }
    password = env.getOrDefault(Quickstart.PASSWORD_VARIABLE, "");
    if (password.isEmpty()) {
      throw new UsageException(
          "no password: pipe it to --password-stdin or set " + Quickstart.PASSWORD_VARIABLE);
    }
  }

  /** Reads all of standard input, less one final line end, as {@code docker login} does. */
  private static String readPassword(InputStream stdin) {
    try {
      String text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      if (text.endsWith("\r\n")) {
        return text.substring(0, text.length() - 2);
      }
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the password from standard input", e);
    }
  }

  private static String value(String[] args, int i) {
    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
      throw new UsageException(args[i] + " needs a value");
    }
    if (args[i + 1].isBlank()) {
      throw new UsageException(args[i] + " needs a non-empty value");
    }
    return args[i + 1];
  }

  String server() {
    return server;
  }

  String username() {
    return username;
  }

  String password() {
    return password;
  }

  String email() {
    return email;
  }

  String secretName() {
    return secretName;
  }

  Optional<String> namespace() {
    return namespace.isEmpty() ? Optional.empty() : Optional.of(namespace);
  }

  Path out() {
    return out;
  }

  boolean serviceAccounts() {
    return serviceAccounts;
  }

  boolean json() {
    return json;
  }

  boolean demo() {
    return demo;
  }

  boolean help() {
    return help;
  }

  List<Path> manifests() {
    return List.copyOf(manifests);
  }

  /** Returns the options without the password. */
  @Override
  public String toString() {
    return "QuickstartOptions{server="
        + server
        + ", username="
        + username
        + ", secretName="
        + secretName
        + ", manifests="
        + manifests
        + "}";
  }

  /** A command line the quickstart cannot run with. */
  static final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
