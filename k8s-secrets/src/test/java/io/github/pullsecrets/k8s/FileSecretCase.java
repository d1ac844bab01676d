package io.github.pullsecrets.k8s;

import java.util.List;

/**
 * One {@code kubectl create secret docker-registry NAME --from-file=[KEY=]PATH} case of {@code
 * cases-secrets.tsv}: kubectl stores the file's bytes as they are, and the pull Secret the SDK
 * builds from the same file.
 *
 * @param id the case name in the TSV and in the vector file names
 * @param key the KEY of {@code --from-file=KEY=PATH}, or null when only the path is given
 * @param input the file name under {@code inputs/}
 * @param checked whether the SDK's checked {@link PullSecret.Builder#dockerConfigFile(byte[])}
 *     takes the file; otherwise only the unchecked {@link PullSecret.Builder#fromFile(String,
 *     byte[])} reproduces kubectl
 */
record FileSecretCase(String id, String key, String input, boolean checked) {

  /** The folder of the recorded inputs, as test resources and relative to kubectl's directory. */
  static final String INPUTS = "inputs";

  /**
   * The {@code --from-file} cases. {@code from-file-and-flags} also passes {@code
   * --docker-username} and {@code --docker-password}, which kubectl ignores: its Secret is the file
   * alone, and that is what the SDK builds here (it refuses the mix, see the tests).
   */
  static final List<FileSecretCase> ALL =
      List.of(
          new FileSecretCase("from-file", null, "config.json", true),
          new FileSecretCase("from-file-keyed", PullSecret.DATA_KEY, "config.json", true),
          new FileSecretCase("from-file-otherkey", "foo", "config.json", false),
          new FileSecretCase("from-file-notjson", PullSecret.DATA_KEY, "notjson.txt", false),
          new FileSecretCase("from-file-and-flags", PullSecret.DATA_KEY, "config.json", true));

  /** Returns the recorded input file's bytes. */
  byte[] content() {
    return TestFiles.resourceBytes("vectors/kubectl-secret/" + INPUTS + "/" + input);
  }

  /** Returns the pull Secret the SDK builds from the same file, as kubectl 1.31 and later do. */
  PullSecret pullSecret() {
    PullSecret.Builder builder = PullSecret.named("regcred");
    if (checked) {
      builder.dockerConfigFile(content());
    } else {
      builder.fromFile(key, content());
    }
    return builder.build();
  }

  /** Returns what kubectl 1.27 to 1.30 build: the file under its own name as the key. */
  PullSecret asKubectlBefore131() {
    return PullSecret.named("regcred").fromFile(key == null ? input : key, content()).build();
  }

  @Override
  public String toString() {
    return id;
  }
}
