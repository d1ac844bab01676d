package io.github.pullsecrets.examples;

import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.ImageReference;
import io.github.pullsecrets.auth.ImageSource;
import io.github.pullsecrets.auth.ImageTransfer;
import io.github.pullsecrets.auth.KeyringMatch;
import io.github.pullsecrets.auth.KubeletKeyring;
import io.github.pullsecrets.auth.PushResult;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.k8s.ManifestChange;
import io.github.pullsecrets.k8s.Manifests;
import io.github.pullsecrets.k8s.PullSecret;
import java.nio.file.Path;
import java.util.List;

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
    patched.changes().forEach(System.out::println); // Deployment api: ATTACHED, ...
    patched.write(out.resolve("shop.yaml"));
    // [END k8s-secrets]
    return json.isEmpty() ? List.of() : patched.changes();
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
}
