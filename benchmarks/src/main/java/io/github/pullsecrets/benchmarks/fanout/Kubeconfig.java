package io.github.pullsecrets.benchmarks.fanout;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a kubeconfig that points kubectl, fabric8 and pullsecrets at the fake server. */
final class Kubeconfig {

  private Kubeconfig() {}

  static Path write(Path dir, URI server) throws IOException {
    Path file = dir.resolve("kubeconfig-" + server.getPort());
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: fake",
            "  cluster:",
            "    server: " + server,
            "users:",
            "- name: admin",
            "  user:",
            "    token: bench-token-not-a-secret",
            "contexts:",
            "- name: fake",
            "  context:",
            "    cluster: fake",
            "    user: admin",
            "    namespace: default",
            "current-context: fake",
            ""));
    return file;
  }
}
