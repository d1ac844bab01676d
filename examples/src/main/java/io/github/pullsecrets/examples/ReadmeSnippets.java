package io.github.pullsecrets.examples;

import io.github.pullsecrets.auth.AccessResult;
import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.DockerConfigFile;
import io.github.pullsecrets.auth.ImageReference;
import io.github.pullsecrets.auth.ImageSource;
import io.github.pullsecrets.auth.ImageTransfer;
import io.github.pullsecrets.auth.KeyringMatch;
import io.github.pullsecrets.auth.KubeletKeyring;
import io.github.pullsecrets.auth.LoginResult;
import io.github.pullsecrets.auth.PushResult;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.k8s.Diagnosis;
import io.github.pullsecrets.k8s.ExpiryInventory;
import io.github.pullsecrets.k8s.KubeClient;
import io.github.pullsecrets.k8s.ManifestChange;
import io.github.pullsecrets.k8s.Manifests;
import io.github.pullsecrets.k8s.PullSecret;
import io.github.pullsecrets.k8s.ResourceKind;
import io.github.pullsecrets.k8s.RolloutResult;
import io.github.pullsecrets.k8s.Rotation;
import io.github.pullsecrets.k8s.RotationPolicy;
import io.github.pullsecrets.k8s.RotationResult;
import io.github.pullsecrets.k8s.SecretReport;
import io.github.pullsecrets.k8s.TokenInventory;
import io.github.pullsecrets.registry.ContainerRegistryClient;
import io.github.pullsecrets.registry.IssuedToken;
import io.github.pullsecrets.registry.Registry;
import io.github.pullsecrets.registry.RegistrySpec;
import io.github.pullsecrets.registry.Repository;
import io.github.pullsecrets.registry.TokenSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The code the README shows, kept here so that the build compiles it; a test checks that the
 * README's blocks are these regions, character for character.
 */
final class ReadmeSnippets {

  private ReadmeSnippets() {}

  static List<KeyringMatch> dockerAuth(String password) {
    // [START docker-auth]
    ImageReference image = ImageReference.parse("shop.cr.de-fra.ionos.com/shop/api:1.4");
    RegistryCredential credential =
        RegistryCredential.of(image.registry(), "kubernetes-pull", password);

    String dockerconfigjson = DockerConfig.of(credential).toJson(); // kubectl's exact bytes

    KubeletKeyring keyring =
        KubeletKeyring.builder().addDockerConfigJson("dcd", dockerconfigjson).build();
    List<KeyringMatch> tried = keyring.lookup("shop.cr.de-fra.ionos.com/shop/web:2.0.1");
    // [END docker-auth]
    return tried;
  }

  static List<ManifestChange> k8sSecrets(RegistryCredential credential, Path out) {
    // [START k8s-secrets]
    PullSecret secret = PullSecret.named("dcd").namespace("shop").addCredential(credential).build();
    String json = secret.toJson(); // kubectl create secret docker-registry ... -o json, same bytes

    Manifests patched = Manifests.read(Path.of("k8s/shop.yaml")).attachPullSecret("dcd");
    // one line per object, e.g. "document 1 (line 11) Deployment api: ATTACHED"
    patched.changes().forEach(System.out::println);
    patched.write(out.resolve("shop.yaml"));
    // [END k8s-secrets]
    return json.isEmpty() ? List.of() : patched.changes();
  }

  static RegistryCredential registryApi() {
    // [START registry-api]
    ContainerRegistryClient cr = ContainerRegistryClient.fromEnvironment(); // IONOS_TOKEN, ...
    Registry registry =
        cr.registries().create(RegistrySpec.named("team-images").location("de/fra"));
    registry = cr.registries().awaitRunning(registry.id(), Duration.ofMinutes(15));

    IssuedToken pull =
        cr.tokens(registry)
            .create(
                TokenSpec.pullOnly("kubernetes-pull")
                    .expiresAt(Instant.now().plus(Duration.ofDays(90))));
    RegistryCredential credential = pull.credential(); // the only time the password exists
    System.out.println("Login server: " + credential.server());

    try (Stream<Repository> repositories = cr.repositories(registry.id()).list()) {
      repositories.forEach(r -> System.out.println(r.name() + " pulls=" + r.pullCount()));
    }
    // [END registry-api]
    return credential;
  }

  static AccessResult registryAccess(RegistryCredential credential) {
    // [START registry-access]
    AccessResult pull =
        RegistryAccess.check(credential).canPull("shop.cr.de-fra.ionos.com/shop/api:1.4");
    if (pull.ok()) {
      System.out.println("can pull " + pull.digest().orElseThrow());
    } else { // e.g. NO_ACCESS (INSUFFICIENT_SCOPE), BAD_CREDENTIALS, NOT_FOUND, TLS_FAILURE
      System.out.println(pull.outcome() + ": " + pull.detail());
    }

    // docker login without docker: verify, then write $DOCKER_CONFIG/config.json
    LoginResult login =
        RegistryAccess.builder().build().login(credential, DockerConfigFile.fromEnvironment());
    login
        .shadowingHelper()
        .ifPresent(h -> System.out.println("docker uses docker-credential-" + h));
    // [END registry-access]
    return pull;
  }

  static void k8sCluster(PullSecret secret) {
    // [START k8s-cluster]
    try (KubeClient kube = KubeClient.fromKubeconfig()) { // or KubeClient.inCluster()
      SecretReport report =
          kube.pullSecrets()
              .apply(secret)
              .attachToServiceAccount("default") // new pods without imagePullSecrets get it
              .toNamespaces("shop", "staging");
      report.results().forEach(r -> System.out.println(r.namespace() + ": " + r.change()));

      var api = kube.workloads("shop").deployment("api");
      api.attachPullSecret("dcd"); // strategic merge patch: other entries are kept
      RolloutResult rollout = api.waitForRollout(Duration.ofMinutes(5));

      Diagnosis why = kube.diagnose("shop").deployment("api"); // ImagePullBackOff: the cause
      System.out.println(rollout.complete() ? "rolled out" : why.describe());
    }
    // [END k8s-cluster]
  }

  static PushResult dockerPush(RegistryCredential pushToken) {
    // [START docker-push]
    ImageTransfer images = RegistryAccess.builder().build().images(pushToken);

    // docker push, from an OCI layout folder (ImageSource.archive(...) reads docker save tars)
    ImageSource built = ImageSource.ociLayout(Path.of("build/image"));
    PushResult pushed = images.push(built, "shop.cr.de-fra.ionos.com/shop/api:1.4");
    System.out.println(pushed.pinned()); // shop.cr.de-fra.ionos.com/shop/api@sha256:...

    // docker tag: the same manifest bytes under a second tag; the digest does not change
    images.retag("shop.cr.de-fra.ionos.com/shop/api:1.4", "stable");

    // mirror a public image, each blob streamed from source to target
    PushResult mirrored =
        images
            .withProgress(p -> System.out.println(p.digest() + " " + p.bytesDone()))
            .copy(
                RegistryCredential.of("docker.io", "", ""),
                "docker.io/library/nginx:1.27",
                "shop.cr.de-fra.ionos.com/mirror/nginx:1.27");
    // [END docker-push]
    return mirrored;
  }

  static ExpiryInventory rotation(
      KubeClient kube, ContainerRegistryClient registryClient, String registryId) {
    // [START rotation]
    RotationResult result =
        Rotation.builder(kube, registryClient.credentialIssuer())
            .registry(registryId)
            .secretName("dcd")
            .namespacesMatching("pullsecrets.io/pull=dcd") // or .namespaces("shop", "staging")
            .requireReference("shop", ResourceKind.DEPLOYMENT, "api") // its image is pull-checked
            .lifetime(Duration.ofDays(90))
            .grace(Duration.ofMinutes(10))
            .policy(RotationPolicy.atFractionOfLifetime(2, 3)) // or whenFewerDaysThan(14)
            .build()
            .run(); // after a crash, run it again: it finishes the job
    System.out.println(result.outcome());

    ExpiryInventory inventory =
        TokenInventory.builder(kube, registryClient.tokenSource())
            .registry(registryId)
            .horizon(Duration.ofDays(14))
            .build()
            .scan();
    // [END rotation]
    return inventory;
  }
}
