package io.github.pullsecrets.auth;

import io.github.pullsecrets.auth.internal.access.AccessClient;
import io.github.pullsecrets.auth.internal.access.AccessSettings;
import io.github.pullsecrets.auth.internal.access.ImagePush;
import io.github.pullsecrets.auth.internal.access.TokenCache;
import io.github.pullsecrets.auth.internal.image.ImageStore;
import java.util.Objects;

/**
 * Pushes, retags and copies images with one registry credential, as {@code docker push}, {@code
 * docker tag} and a mirror do, without docker. Obtained from {@link
 * RegistryAccess#images(RegistryCredential)}.
 *
 * <pre>{@code
 * ImageTransfer images = RegistryAccess.builder().build().images(credential);
 * ImageSource built = ImageSource.ociLayout(Path.of("build/image"));
 * PushResult pushed = images.push(built, "registry.example.com/team/app:1.4");
 * images.retag("registry.example.com/team/app:1.4", "stable");
 * PushResult mirrored =
 *     images.copy(
 *         RegistryCredential.of("docker.io", "", ""),
 *         "docker.io/library/nginx:1.27",
 *         "registry.example.com/mirror/nginx:1.27");
 * String pinned = mirrored.pinned(); // registry.example.com/mirror/nginx@sha256:...
 * }</pre>
 *
 * <p>Blobs the registry already has are not sent again; blobs in another repository of the same
 * registry are mounted; the others are streamed (in one request up to the chunk size, in {@code
 * PATCH} chunks above it) and checked against their digest as they go, so no layer is held in
 * memory. Manifests are pushed with their exact bytes and media type, an index after every manifest
 * it lists. Tokens are cached per scope. Instances are immutable and thread-safe; operations may
 * run concurrently.
 */
public final class ImageTransfer {

  private final AccessSettings settings;
  private final RegistryCredential credential;
  private final AccessClient client;
  private final long chunkSize;
  private final TransferProgress progress;

  ImageTransfer(
      AccessSettings settings,
      RegistryCredential credential,
      AccessClient client,
      long chunkSize,
      TransferProgress progress) {
    this.settings = settings;
    this.credential = credential;
    this.client = client;
    this.chunkSize = chunkSize;
    this.progress = progress;
  }

  /**
   * Returns a transfer like this one that reports each blob's progress.
   *
   * @param progress told about each blob: present, mounted, bytes sent, uploaded
   * @return the new transfer, sharing this one's token cache
   */
  public ImageTransfer withProgress(TransferProgress progress) {
    Objects.requireNonNull(progress, "progress");
    return new ImageTransfer(settings, credential, client, chunkSize, progress);
  }

  /**
   * Pushes an image from disk.
   *
   * @param source the layout folder or archive
   * @param target the target, such as {@code registry.example.com/team/app:1.4}; without tag,
   *     {@code latest}
   * @return the pushed digest and what was sent
   * @throws InvalidImageReferenceException if the target is not a valid reference
   * @throws InvalidImageSourceException if the source is not a valid image
   * @throws BlobDigestMismatchException if a blob's bytes do not match its digest
   * @throws ImageTransferException if the registry refuses a request (the message names the token
   *     scope) or cannot be reached
   * @throws java.io.UncheckedIOException if the source cannot be read
   */
  public PushResult push(ImageSource source, String target) {
    Objects.requireNonNull(source, "source");
    ImageReference image = ImageReference.parse(target);
    try (ImageStore store = source.open()) {
      return newPush().push(store, image, "");
    }
  }

  /**
   * Puts an image's manifest under another tag of the same repository, as {@code docker tag} and
   * {@code docker push} of an image already pushed do: the manifest is fetched by tag or digest and
   * put back byte for byte, so the digest does not change.
   *
   * @param image the image, such as {@code registry.example.com/team/app:1.4} or {@code
   *     ...@sha256:...}
   * @param tag the new tag, such as {@code stable}
   * @return the image under its new tag, with the digest
   * @throws InvalidImageReferenceException if the image or tag is not valid
   * @throws ImageTransferException if the registry refuses a request or cannot be reached
   */
  public PushResult retag(String image, String tag) {
    Objects.requireNonNull(tag, "tag");
    return newPush().retag(ImageReference.parse(image), tag);
  }

  /**
   * Copies an image from another registry (or repository) into this credential's registry,
   * streaming each blob from source to target. Multi-platform images are copied whole.
   *
   * @param sourceCredential the credential for the source; empty user and password for anonymous
   * @param source the source image, by tag or digest
   * @param target the target; without tag or digest, the source's tag
   * @return the pushed digest and what was sent
   * @throws InvalidImageReferenceException if a reference is not valid
   * @throws BlobDigestMismatchException if a source blob does not match its digest
   * @throws ImageTransferException if a registry refuses a request or cannot be reached
   */
  public PushResult copy(RegistryCredential sourceCredential, String source, String target) {
    Objects.requireNonNull(sourceCredential, "sourceCredential");
    ImageReference from = ImageReference.parse(source);
    ImageReference to = ImageReference.parse(target);
    AccessClient sourceClient =
        sourceCredential.equals(credential)
            ? client
            : new AccessClient(settings, new TokenCache(settings.clock()), sourceCredential);
    return newPush().copy(sourceClient, from, to);
  }

  /**
   * Copies an image that this transfer's own credential can read, such as another repository of the
   * same registry (its blobs are then mounted, not sent).
   *
   * @param source the source image, by tag or digest
   * @param target the target; without tag or digest, the source's tag
   * @return the pushed digest and what was sent
   * @throws InvalidImageReferenceException if a reference is not valid
   * @throws ImageTransferException if the registry refuses a request or cannot be reached
   */
  public PushResult copy(String source, String target) {
    return copy(credential, source, target);
  }

  private ImagePush newPush() {
    return new ImagePush(client, chunkSize, progress);
  }

  /** Returns the credential's server and user name and the chunk size; never a secret. */
  @Override
  public String toString() {
    return "ImageTransfer{" + credential + ", chunkSize=" + chunkSize + "}";
  }
}
