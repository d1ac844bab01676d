package io.github.pullsecrets.k8s;

import io.github.pullsecrets.auth.RegistryCredential;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code kubectl create secret docker-registry} case of {@code cases-secrets.tsv}, with the
 * same values as the recorded command: the kubectl arguments and the equivalent pull Secret.
 *
 * @param id the case name in the TSV and in the vector file names
 * @param name the Secret name
 * @param namespace the {@code -n} value, or an empty string for none
 * @param server the {@code --docker-server} value, or an empty string for kubectl's default
 * @param username the user name
 * @param password the password
 * @param email the {@code --docker-email} value, or null when the flag is not given
 * @param appendHash whether {@code --append-hash} is given
 */
record SecretCase(
    String id,
    String name,
    String namespace,
    String server,
    String username,
    String password,
    String email,
    boolean appendHash) {

  private static final String REGISTRY = "registry.example.com";

  /** A case without {@code --append-hash}. */
  SecretCase(
      String id,
      String name,
      String namespace,
      String server,
      String username,
      String password,
      String email) {
    this(id, name, namespace, server, username, password, email, false);
  }

  /** The credential cases kubectl accepts and whose names the API server accepts too. */
  static final List<SecretCase> VALID =
      List.of(
          new SecretCase("plain", "regcred", "", REGISTRY, "alice", "s3cret", "alice@example.com"),
          new SecretCase("noemail", "regcred", "", REGISTRY, "alice", "s3cret", null),
          new SecretCase("emptyemail", "regcred", "", REGISTRY, "alice", "s3cret", ""),
          new SecretCase(
              "special-password", "regcred", "", REGISTRY, "alice", "p:a@ss wörd✓\"\\", null),
          new SecretCase("html-chars", "regcred", "", REGISTRY, "a&b", "<x>&y", "a<b>@example.com"),
          new SecretCase("username-colon", "regcred", "", REGISTRY, "al:ice", "pw", null),
          new SecretCase(
              "server-scheme-path",
              "regcred",
              "",
              "https://registry.example.com:5000/v2/",
              "alice",
              "s3cret",
              null),
          new SecretCase(
              "server-http-localhost",
              "regcred",
              "",
              "http://localhost:5000",
              "alice",
              "s3cret",
              null),
          new SecretCase("server-docker-io", "regcred", "", "docker.io", "alice", "s3cret", null),
          new SecretCase(
              "default-server", "regcred", "", "", "alice", "s3cret", "alice@example.com"),
          new SecretCase("namespace", "regcred", "team-a", REGISTRY, "alice", "s3cret", null),
          new SecretCase("name-dotted", "my.secret-1", "", REGISTRY, "alice", "s3cret", null),
          new SecretCase("name-253", "a".repeat(253), "", REGISTRY, "alice", "s3cret", null),
          new SecretCase(
              "control-chars",
              "regcred",
              "",
              REGISTRY,
              "alice",
              "t\tn\nl\u2028e\uD83D\uDE00",
              null),
          new SecretCase("append-hash", "regcred", "", REGISTRY, "alice", "s3cret", null, true));

  /** Returns the credential kubectl builds from the flags. */
  RegistryCredential credential() {
    String host = server.isEmpty() ? RegistryCredential.DOCKER_HUB_SERVER : server;
    RegistryCredential credential = RegistryCredential.of(host, username, password);
    return email == null ? credential : credential.withEmail(email);
  }

  /** Returns the pull Secret built from the same values. */
  PullSecret pullSecret() {
    PullSecret.Builder builder = PullSecret.named(name).addCredential(credential());
    if (!namespace.isEmpty()) {
      builder.namespace(namespace);
    }
    if (appendHash) {
      builder.appendHash();
    }
    return builder.build();
  }

  /** Returns kubectl's arguments for this case, in the TSV's order, with an output format. */
  List<String> kubectlArguments(String output) {
    List<String> arguments = new ArrayList<>(List.of("create", "secret", "docker-registry", name));
    if (!namespace.isEmpty()) {
      arguments.addAll(List.of("-n", namespace));
    }
    if (appendHash) {
      arguments.add("--append-hash");
    }
    if (!server.isEmpty()) {
      arguments.add("--docker-server=" + server);
    }
    arguments.add("--docker-username=" + username);
    arguments.add("--docker-password=" + password);
    if (email != null) {
      arguments.add("--docker-email=" + email);
    }
    arguments.addAll(List.of("--dry-run=client", "-o", output));
    return arguments;
  }

  @Override
  public String toString() {
    return id;
  }
}
