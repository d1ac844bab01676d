package io.github.pullsecrets.examples;

import io.github.pullsecrets.auth.CredentialIssuer;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.TokenSource;
import io.github.pullsecrets.k8s.KubeClient;
import java.io.PrintStream;
import java.util.Map;

/**
 * Opens {@link TokenRotationJob}'s run to tests in other packages (the Kubernetes fakes live in
 * {@code io.github.pullsecrets.k8s}): reads the settings from an environment map, as {@code main}
 * does, and runs the job once.
 */
public final class TokenRotationJobs {

  private TokenRotationJobs() {}

  /**
   * Runs the job as {@code main} would, with the given parts in place of the in-cluster ones.
   *
   * @return the exit status; 2 when the environment is incomplete
   */
  public static int run(
      KubeClient kube,
      CredentialIssuer issuer,
      TokenSource tokens,
      Map<String, String> env,
      RegistryAccess access,
      PrintStream out) {
    return TokenRotationJob.Settings.from(env, out)
        .map(settings -> TokenRotationJob.run(kube, issuer, tokens, settings, access, out))
        .orElse(2);
  }
}
