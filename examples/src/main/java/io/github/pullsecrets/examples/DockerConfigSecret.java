package io.github.pullsecrets.examples;

import io.github.pullsecrets.k8s.PullSecret;
import java.util.Base64;

/** Prints a pull Secret for a screen: kubectl's JSON with the credential data left out. */
final class DockerConfigSecret {

  private DockerConfigSecret() {}

  /**
   * Returns the Secret as kubectl prints it, with the {@code .dockerconfigjson} value replaced by
   * {@code <redacted>}.
   *
   * @param secret the pull Secret
   * @return the JSON text, safe to show
   */
  static String redacted(PullSecret secret) {
    String data = Base64.getEncoder().encodeToString(secret.dockerConfig().toJsonBytes());
    return secret.toJson().replace("\"" + data + "\"", "\"<redacted>\"");
  }
}
