package io.github.pullsecrets.examples;

import io.github.pullsecrets.auth.CredentialIssuer;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.TokenSource;
import io.github.pullsecrets.k8s.ExpiryInventory;
import io.github.pullsecrets.k8s.InventoryFinding;
import io.github.pullsecrets.k8s.KubeClient;
import io.github.pullsecrets.k8s.KubernetesException;
import io.github.pullsecrets.k8s.Rotation;
import io.github.pullsecrets.k8s.RotationPolicy;
import io.github.pullsecrets.k8s.RotationResult;
import io.github.pullsecrets.k8s.TokenInventory;
import io.github.pullsecrets.registry.ContainerRegistryClient;
import io.github.pullsecrets.registry.ContainerRegistryException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes CronJob that keeps a pull Secret's IONOS token fresh: rotates it in place when two
 * thirds of its lifetime have passed (or finishes a rotation a crashed run left), then prints the
 * expiry inventory. The manifest with its least-privilege RBAC is {@code
 * token-rotation-cronjob.yaml} next to this class.
 *
 * <p>Configuration, all from the environment: {@code IONOS_TOKEN} (or {@code IONOS_USERNAME} and
 * {@code IONOS_PASSWORD}), {@code PULLSECRETS_REGISTRY_ID}, {@code PULLSECRETS_SECRET}, {@code
 * PULLSECRETS_NAMESPACES} (a label selector), {@code PULLSECRETS_IMAGE} (an image the new token
 * must pull) and optionally {@code PULLSECRETS_REGISTRY_HOST} (inventory only considers Secrets for
 * it). Exit status: 0 done, 1 a step failed (the next run resumes), 2 bad configuration.
 */
public final class TokenRotationJob {

  private static final Duration LIFETIME = Duration.ofDays(90);
  private static final Duration GRACE = Duration.ofMinutes(10);
  private static final Duration HORIZON = Duration.ofDays(14);

  private TokenRotationJob() {}

  /**
   * Runs the job in the cluster it runs in.
   *
   * @param args none
   */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    Optional<Settings> settings = Settings.from(env, System.out);
    if (settings.isEmpty()) {
      System.exit(2);
    }
    ContainerRegistryClient registry = ContainerRegistryClient.fromEnvironment();
    int status;
    try (KubeClient kube = KubeClient.inCluster()) {
      TokenSource tokens = registry.tokenSource();
      RegistryAccess access = RegistryAccess.builder().build();
      status = run(kube, registry.credentialIssuer(), tokens, settings.get(), access, System.out);
    }
    System.exit(status);
  }

  /** Rotates when due, checking the new token's pull with {@code access}, then prints. */
  static int run(
      KubeClient kube,
      CredentialIssuer issuer,
      TokenSource tokens,
      Settings settings,
      RegistryAccess access,
      PrintStream out) {
    try {
      RotationResult result =
          Rotation.builder(kube, issuer)
              .registry(settings.registryId())
              .secretName(settings.secret())
              .namespacesMatching(settings.namespaces())
              .image(settings.image())
              .lifetime(LIFETIME)
              .grace(GRACE)
              .policy(RotationPolicy.atFractionOfLifetime(2, 3))
              .registryAccess(access)
              .build()
              .run();
      out.println(
          "rotation: "
              + result.outcome()
              + ", token "
              + result.tokenId().orElse("-")
              + ", expires "
              + result.expiresAt().map(Object::toString).orElse("-")
              + ", revoked "
              + result.revokedTokenIds());
      printInventory(kube, tokens, settings, out);
      return 0;
    } catch (KubernetesException | ContainerRegistryException e) {
      out.println("failed: " + e.getMessage() + " (the next run resumes)");
      return 1;
    }
  }

  private static void printInventory(
      KubeClient kube, TokenSource tokens, Settings settings, PrintStream out) {
    TokenInventory.Builder builder =
        TokenInventory.builder(kube, tokens).registry(settings.registryId()).horizon(HORIZON);
    settings.registryHost().ifPresent(builder::registryHost);
    ExpiryInventory inventory = builder.build().scan();
    out.println(
        "inventory: "
            + inventory.tokens().size()
            + " tokens, "
            + inventory.secrets().size()
            + " pull Secrets");
    for (InventoryFinding finding : inventory.findings()) {
      out.println(
          "  "
              + finding.flag()
              + " "
              + finding.tokenId()
              + finding.secret().map(s -> " in " + s).orElse("")
              + ": "
              + finding.message());
    }
  }

  /** What the job reads from its environment. */
  record Settings(
      String registryId,
      String secret,
      String namespaces,
      String image,
      Optional<String> registryHost) {

    static Optional<Settings> from(Map<String, String> env, PrintStream out) {
      String[] required = {
        "PULLSECRETS_REGISTRY_ID",
        "PULLSECRETS_SECRET",
        "PULLSECRETS_NAMESPACES",
        "PULLSECRETS_IMAGE"
      };
      boolean complete = true;
      for (String name : required) {
        if (env.getOrDefault(name, "").isBlank()) {
          out.println("missing environment variable " + name);
          complete = false;
        }
      }
      if (!complete) {
        return Optional.empty();
      }
      return Optional.of(
          new Settings(
              env.get(required[0]),
              env.get(required[1]),
              env.get(required[2]),
              env.get(required[3]),
              Optional.ofNullable(env.get("PULLSECRETS_REGISTRY_HOST")).filter(h -> !h.isBlank())));
    }
  }
}
