package io.github.pullsecrets.benchmarks.fanout;

import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.RegistryCredential;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The shell loop a user would write: per namespace {@code kubectl apply --server-side
 * --validate=false -f -} with the Secret on stdin, then {@code kubectl patch serviceaccount default
 * -p '{"imagePullSecrets":[{"name":"regcred"}]}'} (a strategic merge patch, which replaces the
 * ServiceAccount's list: transcript 32). kubectl reads {@code KUBECONFIG} and caches discovery
 * under {@code HOME}.
 */
final class KubectlFanOut implements FanOut {

  private static final String PATCH = "{\"imagePullSecrets\":[{\"name\":\"" + SECRET + "\"}]}";

  @Override
  public void run(List<String> namespaces, RegistryCredential credential) throws Exception {
    String data =
        Base64.getEncoder().encodeToString(DockerConfig.empty().with(credential).toJsonBytes());
    for (String namespace : namespaces) {
      kubectl(manifest(namespace, data), "apply", "--server-side", "--validate=false", "-f", "-");
      kubectl(null, "patch", "serviceaccount", "default", "-n", namespace, "-p", PATCH);
    }
  }

  private static String manifest(String namespace, String data) {
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: "
        + SECRET
        + "\n  namespace: "
        + namespace
        + "\n  labels:\n    app.kubernetes.io/managed-by: pullsecrets\n"
        + "type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: "
        + data
        + "\n";
  }

  private static void kubectl(String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("kubectl"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + errors);
    }
  }
}
