package io.github.pullsecrets.k8s;

import java.util.Arrays;
import java.util.List;

/** The recorded kubectl commands of {@code cases-secrets.tsv}, as argument lists. */
final class SecretCommands {

  private static final String TSV = "vectors/kubectl-secret/cases-secrets.tsv";

  private SecretCommands() {}

  /**
   * Returns kubectl's arguments for a case whose command has no shell quoting: the TSV's command
   * split at spaces, without the leading {@code kubectl}.
   */
  static List<String> arguments(String id) {
    String command =
        TestFiles.resource(TSV)
            .lines()
            .filter(line -> line.startsWith(id + "\t"))
            .map(line -> line.substring(id.length() + 1))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no case " + id + " in " + TSV));
    if (command.contains("\\") || command.contains("'") || command.contains("$")) {
      throw new IllegalArgumentException("case " + id + " needs a shell to split: " + command);
    }
    List<String> words = Arrays.asList(command.split(" "));
    return List.copyOf(words.subList(1, words.size()));
  }
}
