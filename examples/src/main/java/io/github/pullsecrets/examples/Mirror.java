package io.github.pullsecrets.examples;

import io.github.pullsecrets.auth.DockerAuthException;
import io.github.pullsecrets.auth.ImageReference;
import io.github.pullsecrets.auth.ImageTransfer;
import io.github.pullsecrets.auth.PushResult;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.RegistryCredential;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Mirrors public images into a private registry, without docker, and prints the digest each one was
 * pushed as. Each image keeps its repository path and tag under the target prefix; blobs the mirror
 * already has are not sent again. The target credential comes from {@code REGISTRY_USERNAME} and
 * {@code REGISTRY_PASSWORD}; the sources are read anonymously.
 *
 * <pre>
 * REGISTRY_USERNAME=ci REGISTRY_PASSWORD=... java -cp ... io.github.pullsecrets.examples.Mirror \
 *     registry.example.com/mirror docker.io/library/nginx:1.27 docker.io/library/redis:7.4
 * docker.io/library/nginx:1.27 -> registry.example.com/mirror/library/nginx@sha256:...
 * </pre>
 *
 * <p>Exit status: 0 when every image was mirrored, 1 when one failed (the others are still
 * mirrored), 2 on bad arguments.
 */
public final class Mirror {

  private Mirror() {}

  /**
   * Mirrors the images.
   *
   * @param args {@code [--ca-bundle FILE] TARGET-PREFIX IMAGE...}
   * @throws IOException if the CA bundle cannot be read
   */
  public static void main(String[] args) throws IOException {
    System.exit(run(List.of(args), System.getenv(), System.out));
  }

  static int run(List<String> args, Map<String, String> env, PrintStream out) throws IOException {
    boolean withCa = !args.isEmpty() && args.get(0).equals("--ca-bundle");
    List<String> rest = args.subList(withCa ? 2 : 0, args.size());
    if (rest.size() < 2 || (withCa && args.size() < 4)) {
      out.println("usage: Mirror [--ca-bundle FILE] TARGET-PREFIX IMAGE...");
      return 2;
    }
    RegistryAccess.Builder access = RegistryAccess.builder();
    if (withCa) {
      access.caBundle(Files.readString(Path.of(args.get(1))));
    }
    ImageReference prefix = ImageReference.parse(rest.get(0));
    RegistryCredential target =
        RegistryCredential.of(
            prefix.registry(),
            env.getOrDefault("REGISTRY_USERNAME", ""),
            env.getOrDefault("REGISTRY_PASSWORD", ""));
    ImageTransfer images = access.build().images(target);
    return mirrorAll(images, prefix, rest.subList(1, rest.size()), out);
  }

  private static int mirrorAll(
      ImageTransfer images, ImageReference prefix, List<String> sources, PrintStream out) {
    int failed = 0;
    for (String source : sources) {
      try {
        PushResult result = mirror(images, prefix, ImageReference.parse(source));
        out.println(source + " -> " + result.pinned());
      } catch (DockerAuthException e) {
        out.println(source + " FAILED: " + e.getMessage());
        failed++;
      }
    }
    return failed == 0 ? 0 : 1;
  }

  private static PushResult mirror(
      ImageTransfer images, ImageReference prefix, ImageReference source) {
    RegistryCredential anonymous = RegistryCredential.of(source.registry(), "", "");
    String tag = source.tag().map(t -> ":" + t).orElse("");
    String target = prefix.name() + "/" + source.repository() + tag;
    return images.copy(anonymous, source.toString(), target);
  }
}
