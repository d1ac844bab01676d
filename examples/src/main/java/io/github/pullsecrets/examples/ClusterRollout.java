package io.github.pullsecrets.examples;

import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.k8s.Diagnosis;
import io.github.pullsecrets.k8s.KubeClient;
import io.github.pullsecrets.k8s.KubeConfig;
import io.github.pullsecrets.k8s.KubernetesException;
import io.github.pullsecrets.k8s.PullSecret;
import io.github.pullsecrets.k8s.PullSecretAttachment;
import io.github.pullsecrets.k8s.RolloutResult;
import io.github.pullsecrets.k8s.SecretResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts a registry credential into a live cluster and rolls a Deployment out with it: applies the
 * pull Secret to the namespace, attaches it to the Deployment, waits for the rollout and, when it
 * does not complete, prints why the pods cannot pull their images.
 *
 * <pre>
 * export PULLSECRETS_PASSWORD=...   # or --password-stdin
 * java -cp ... io.github.pullsecrets.examples.ClusterRollout [--kubeconfig FILE] [--context NAME]
 *     [--secret-name NAME] [--timeout SECONDS] NAMESPACE DEPLOYMENT SERVER USERNAME
 * </pre>
 *
 * <p>Exit status: 0 when the rollout completed, 1 when it did not or the cluster refused a step, 2
 * on bad arguments.
 */
public final class ClusterRollout {

  static final String USAGE =
      "usage: ClusterRollout [--kubeconfig FILE] [--context NAME] [--secret-name NAME]"
          + " [--timeout SECONDS] [--password-stdin] NAMESPACE DEPLOYMENT SERVER USERNAME\n"
          + "The password comes from PULLSECRETS_PASSWORD unless --password-stdin is given.";

  private ClusterRollout() {}

  /**
   * Runs the program.
   *
   * @param args the options and the four positional arguments
   */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.getenv(), System.in, System.out));
  }

  static int run(List<String> args, Map<String, String> env, InputStream stdin, PrintStream out) {
    Options options;
    try {
      options = Options.parse(args, env, stdin);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      out.println(USAGE);
      return 2;
    }
    try (KubeClient kube = KubeClient.builder(options.config()).build()) {
      return rollOut(kube, options, out);
    } catch (KubernetesException e) {
      out.println("failed: " + e.getMessage());
      return 1;
    }
  }

  private static int rollOut(KubeClient kube, Options options, PrintStream out) {
    RegistryCredential credential =
        RegistryCredential.of(options.server, options.username, options.password);
    PullSecret secret = PullSecret.named(options.secretName).addCredential(credential).build();

    SecretResult applied =
        kube.pullSecrets().apply(secret).toNamespaces(options.namespace).results().get(0);
    out.println(
        "Secret "
            + options.namespace
            + "/"
            + secret.name()
            + ": "
            + applied.change()
            + applied.reason().map(reason -> " (" + reason + ")").orElse(""));

    var deployment = kube.workloads(options.namespace).deployment(options.deployment);
    PullSecretAttachment attached = deployment.attachPullSecret(secret.name());
    out.println(deployment + ": " + attached.change());

    RolloutResult rollout = deployment.waitForRollout(options.timeout);
    out.println("rollout: " + rollout.state() + ": " + rollout.message());
    if (rollout.complete()) {
      return 0;
    }
    Diagnosis diagnosis = kube.diagnose(options.namespace).deployment(options.deployment);
    out.println(diagnosis.describe());
    return 1;
  }

  /** The command line, read into values; the password never comes from it. */
  private static final class Options {
    private Path kubeconfig;
    private String context = "";
    private String secretName = "regcred";
    private Duration timeout = Duration.ofMinutes(5);
    private boolean passwordFromStdin;
    private String namespace;
    private String deployment;
    private String server;
    private String username;
    private String password;

    static Options parse(List<String> args, Map<String, String> env, InputStream stdin) {
      Options options = new Options();
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        i = options.option(args, i, positional);
      }
      if (positional.size() != 4) {
        throw new IllegalArgumentException("expected 4 arguments, got " + positional.size());
      }
      options.namespace = positional.get(0);
      options.deployment = positional.get(1);
      options.server = positional.get(2);
      options.username = positional.get(3);
      options.password = options.passwordFromStdin ? firstLine(stdin) : fromEnv(env);
      return options;
    }

    private int option(List<String> args, int i, List<String> positional) {
      switch (args.get(i)) {
        case "--kubeconfig":
          kubeconfig = Path.of(value(args, i));
          return i + 1;
        case "--context":
          context = value(args, i);
          return i + 1;
        case "--secret-name":
          secretName = value(args, i);
          return i + 1;
        case "--timeout":
          timeout = Duration.ofSeconds(Long.parseLong(value(args, i)));
          return i + 1;
        case "--password-stdin":
          passwordFromStdin = true;
          return i;
        default:
          positional.add(args.get(i));
          return i;
      }
    }

    KubeConfig config() {
      if (kubeconfig == null) {
        return context.isEmpty() ? KubeConfig.fromKubeconfig() : KubeConfig.fromKubeconfig(context);
      }
      List<Path> files = List.of(kubeconfig);
      return context.isEmpty() ? KubeConfig.fromFiles(files) : KubeConfig.fromFiles(files, context);
    }

    private static String value(List<String> args, int i) {
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(args.get(i) + " needs a value");
      }
      return args.get(i + 1);
    }

    private static String fromEnv(Map<String, String> env) {
      String password = env.getOrDefault("PULLSECRETS_PASSWORD", "");
      if (password.isEmpty()) {
        throw new IllegalArgumentException("PULLSECRETS_PASSWORD is not set");
      }
      return password;
    }

    private static String firstLine(InputStream stdin) {
      try {
        var reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null || line.isEmpty()) {
          throw new IllegalArgumentException("no password on standard input");
        }
        return line;
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the password from standard input");
      }
    }
  }
}
