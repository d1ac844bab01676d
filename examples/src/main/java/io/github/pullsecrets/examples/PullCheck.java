package io.github.pullsecrets.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.pullsecrets.auth.AccessResult;
import io.github.pullsecrets.auth.DockerAuthException;
import io.github.pullsecrets.auth.ImageReference;
import io.github.pullsecrets.auth.KeyringMatch;
import io.github.pullsecrets.auth.KubeletKeyring;
import io.github.pullsecrets.auth.RegistryAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Says whether a pull Secret lets the kubelet pull an image: for each credential the kubelet would
 * try, in its order, asks the registry and prints the answer and why not.
 *
 * <pre>
 * java -cp ... io.github.pullsecrets.examples.PullCheck [--ca-bundle ca.pem] [--insecure] \
 *     SECRET|- IMAGE
 * kubectl get secret regcred -o yaml | java ... PullCheck - registry.example.com/team/app:1.4
 * </pre>
 *
 * <p>{@code --insecure} talks plain HTTP, for a local registry without TLS. Exit status: 0 when
 * some credential can pull, 1 when none can, 2 on bad arguments or an unreadable Secret.
 */
public final class PullCheck {

  private static final String USAGE =
      "usage: PullCheck [--ca-bundle FILE] [--insecure] SECRET-FILE|- IMAGE";

  private PullCheck() {}

  /**
   * Runs the check.
   *
   * @param args {@code [--ca-bundle FILE] [--insecure] SECRET-FILE|- IMAGE}
   * @throws IOException if the Secret or CA bundle cannot be read
   */
  public static void main(String[] args) throws IOException {
    System.exit(run(List.of(args), System.in, System.out));
  }

  static int run(List<String> args, InputStream stdin, PrintStream out) throws IOException {
    RegistryAccess.Builder access = RegistryAccess.builder();
    int first = options(args, access);
    if (first < 0 || args.size() - first != 2) {
      out.println(USAGE);
      return 2;
    }
    String source = args.get(first);
    byte[] secret = source.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(source));
    try {
      return check(access.build(), secret, ImageReference.parse(args.get(first + 1)), out);
    } catch (DockerAuthException | IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static int options(List<String> args, RegistryAccess.Builder access) throws IOException {
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("--")) {
      if (args.get(i).equals("--insecure")) {
        access.insecure(true);
        i++;
      } else if (args.get(i).equals("--ca-bundle") && i + 1 < args.size()) {
        access.caBundle(Files.readString(Path.of(args.get(i + 1))));
        i += 2;
      } else {
        return -1;
      }
    }
    return i;
  }

  private static int check(
      RegistryAccess access, byte[] secret, ImageReference image, PrintStream out)
      throws IOException {
    JsonNode manifest = new YAMLMapper().readTree(secret);
    String name = manifest.path("metadata").path("name").asText("pull-secret");
    KubeletKeyring keyring =
        KubeletKeyring.builder().addDockerConfigJson(name, decode(manifest)).build();
    List<KeyringMatch> matches = keyring.lookup(image);
    if (matches.isEmpty()) {
      out.println("no entry of " + name + " matches " + image + ": the kubelet pulls anonymously");
      return 1;
    }
    boolean anyOk = false;
    for (KeyringMatch match : matches) {
      AccessResult result = access.forCredential(match.credential()).canPull(image);
      out.println(
          match
              + ": "
              + (result.ok()
                  ? "can pull " + result.digest().orElse("")
                  : "cannot pull: " + result));
      anyOk |= result.ok();
    }
    return anyOk ? 0 : 1;
  }

  private static String decode(JsonNode manifest) {
    JsonNode data = manifest.path("data").path(".dockerconfigjson");
    if (data.isTextual()) {
      return new String(Base64.getMimeDecoder().decode(data.asText()), StandardCharsets.UTF_8);
    }
    JsonNode plain = manifest.path("stringData").path(".dockerconfigjson");
    if (plain.isTextual()) {
      return plain.asText();
    }
    throw new IllegalArgumentException("the Secret has no .dockerconfigjson in data or stringData");
  }
}
