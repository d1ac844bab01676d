package io.github.pullsecrets.auth;

import io.github.pullsecrets.auth.internal.access.AccessClient;
import java.util.Objects;

/**
 * Asks registries what one credential may do, with the {@code /v2/} handshake container runtimes
 * use. Obtained from {@link RegistryAccess#check(RegistryCredential)} or {@link
 * RegistryAccess#forCredential(RegistryCredential)}; tokens are cached per scope until they expire.
 * Every method answers with a value; none throws for what a registry says or for a failed
 * connection. Thread-safe.
 */
public final class CredentialCheck {

  private final RegistryCredential credential;
  private final AccessClient client;

  CredentialCheck(RegistryCredential credential, AccessClient client) {
    this.credential = credential;
    this.client = client;
  }

  /**
   * Checks the credential against its own server, as {@code docker login} does.
   *
   * @return OK when the registry (or its token server) accepts the credential
   */
  public AccessResult ping() {
    return client.verify(RegistryHosts.apiHost(credential.server())).result();
  }

  /**
   * Checks that the credential can pull an image: {@code HEAD} of its manifest with the OCI and
   * Docker manifest and index types in {@code Accept}. The credential is sent to the image's
   * registry, whatever its own server string says, as the kubelet does with a matched entry.
   *
   * @param image the image; without tag or digest, {@code latest}
   * @return the result, with the manifest's digest and media type when OK
   */
  public AccessResult canPull(ImageReference image) {
    Objects.requireNonNull(image, "image");
    String reference = image.digest().orElseGet(() -> image.tag().orElse("latest"));
    return client.canPull(image.apiHost(), image.repository(), reference);
  }

  /**
   * Parses an image reference and checks that the credential can pull it.
   *
   * @param image the image as written in a pod spec
   * @return the result
   * @throws InvalidImageReferenceException if the reference is not valid
   */
  public AccessResult canPull(String image) {
    return canPull(ImageReference.parse(image));
  }

  /**
   * Checks that the credential can push to a repository, by starting a blob upload and cancelling
   * it; nothing is written. Token registries such as distribution want the {@code delete} action
   * for the cancel: without it the upload stays until the registry expires it, which {@link
   * AccessResult#detail()} then says; the result is OK either way.
   *
   * @param repository the repository, such as {@code registry.example.com/team/app}
   * @return the result
   * @throws InvalidImageReferenceException if the name is not valid
   */
  public AccessResult canPush(String repository) {
    ImageReference name = ImageReference.parse(repository);
    return client.canPush(name.apiHost(), name.repository());
  }

  /**
   * Lists the tags of a repository, all pages.
   *
   * @param repository the repository, such as {@code registry.example.com/team/app}
   * @return the tags and the result
   * @throws InvalidImageReferenceException if the name is not valid
   */
  public Listing tags(String repository) {
    ImageReference name = ImageReference.parse(repository);
    return client.tags(name.apiHost(), name.repository());
  }

  /**
   * Lists the repositories of the credential's registry ({@code /v2/_catalog}), all pages.
   *
   * @return the repository names and the result
   */
  public Listing catalog() {
    return client.catalog(RegistryHosts.apiHost(credential.server()));
  }

  AccessClient.Verification verify() {
    return client.verify(RegistryHosts.apiHost(credential.server()));
  }

  /** Returns the credential's server and user name; never a secret. */
  @Override
  public String toString() {
    return "CredentialCheck{" + credential + "}";
  }
}
