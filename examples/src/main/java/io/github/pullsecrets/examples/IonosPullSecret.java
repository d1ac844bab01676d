package io.github.pullsecrets.examples;

import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.k8s.PullSecret;
import io.github.pullsecrets.registry.ContainerRegistryClient;
import io.github.pullsecrets.registry.IssuedToken;
import io.github.pullsecrets.registry.NameAvailability;
import io.github.pullsecrets.registry.Registry;
import io.github.pullsecrets.registry.RegistrySpec;
import io.github.pullsecrets.registry.TokenSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The portal workflow as a program: create a registry (or reuse yours of that name), wait until it
 * runs, issue a pull-only token that expires in 90 days, print the login server and the Secret
 * {@code kubectl create secret docker-registry} would make, with the password redacted, and write
 * the full Secret to a file only its owner can read.
 *
 * <pre>
 * IONOS_TOKEN=... java -cp 'pullsecrets-examples.jar:lib/*' \
 *     io.github.pullsecrets.examples.IonosPullSecret team-images de/fra regcred shop regcred.json
 * kubectl apply -f regcred.json
 * </pre>
 */
public final class IonosPullSecret {

  private static final Duration TOKEN_LIFETIME = Duration.ofDays(90);
  private static final Duration PROVISIONING_TIMEOUT = Duration.ofMinutes(15);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final ContainerRegistryClient client;
  private final Clock clock;
  private final PrintStream out;

  IonosPullSecret(ContainerRegistryClient client, Clock clock, PrintStream out) {
    this.client = client;
    this.clock = clock;
    this.out = out;
  }

  /**
   * Runs the workflow with credentials from {@code IONOS_TOKEN} (or {@code IONOS_USERNAME} and
   * {@code IONOS_PASSWORD}).
   *
   * @param args registry name, location, Secret name, namespace, output file
   * @throws IOException if the Secret file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 5) {
      System.err.println("usage: IonosPullSecret REGISTRY LOCATION SECRET NAMESPACE OUTPUT.json");
      System.exit(2);
    }
    new IonosPullSecret(ContainerRegistryClient.fromEnvironment(), Clock.systemUTC(), System.out)
        .run(args[0], args[1], args[2], args[3], Path.of(args[4]));
  }

  void run(String registryName, String location, String secretName, String namespace, Path output)
      throws IOException {
    Registry registry = createOrFind(registryName, location);
    registry = client.registries().awaitRunning(registry.id(), PROVISIONING_TIMEOUT);
    out.println("Login server: " + registry.hostname().orElseThrow());

    Instant expiry = clock.instant().plus(TOKEN_LIFETIME);
    String tokenName = "kubernetes-pull-" + DAY.format(clock.instant());
    IssuedToken issued =
        client.tokens(registry).create(TokenSpec.pullOnly(tokenName).expiresAt(expiry));
    RegistryCredential credential = issued.credential();
    out.println(
        "Token "
            + tokenName
            + " ("
            + issued.token().id()
            + "), user "
            + credential.username()
            + ", password <redacted>, expires "
            + expiry);

    PullSecret secret =
        PullSecret.named(secretName).namespace(namespace).addCredential(credential).build();
    out.print(DockerConfigSecret.redacted(secret));
    OwnerOnlyFile.write(output, secret.toJson());
    out.println("Full Secret written to " + output + " (mode 0600): kubectl apply -f " + output);
  }

  private Registry createOrFind(String name, String location) {
    NameAvailability availability = client.nameAvailability(name);
    if (availability == NameAvailability.AVAILABLE) {
      out.println("Creating registry " + name + " in " + location);
      return client.registries().create(RegistrySpec.named(name).location(location));
    }
    if (availability == NameAvailability.INVALID) {
      throw new IllegalArgumentException("registry name is not valid: " + name);
    }
    return client
        .registries()
        .list(name)
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "registry name " + name + " is taken by another account"));
  }
}
