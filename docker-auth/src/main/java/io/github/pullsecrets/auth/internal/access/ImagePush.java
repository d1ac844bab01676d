package io.github.pullsecrets.auth.internal.access;

import io.github.pullsecrets.auth.BlobProgress;
import io.github.pullsecrets.auth.ImageReference;
import io.github.pullsecrets.auth.ImageTransferException;
import io.github.pullsecrets.auth.PushResult;
import io.github.pullsecrets.auth.TransferProgress;
import io.github.pullsecrets.auth.internal.image.Descriptor;
import io.github.pullsecrets.auth.internal.image.ImageStore;
import io.github.pullsecrets.auth.internal.image.Manifest;
import io.github.pullsecrets.auth.internal.image.MediaTypes;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes, retags and copies images into the registry of one credential. A push walks the image from
 * the top: an index pushes each manifest it lists first; a manifest first makes each blob present
 * (already there, mounted from the source repository of the same registry, or uploaded); the
 * manifest goes last, with its exact bytes and media type. Not thread-safe per push; create one per
 * operation.
 */
public final class ImagePush {

  private final AccessClient client;
  private final long chunkSize;
  private final TransferProgress progress;
  private final Set<String> placed = new HashSet<>();
  private final List<String> children = new ArrayList<>();
  private int uploaded;
  private int mounted;
  private int present;
  private long bytesUploaded;

  /**
   * Creates a push into the registry the client speaks to.
   *
   * @param client the target registry's client, for one credential
   * @param chunkSize blobs up to this size go in one request; larger ones in chunks of it
   * @param progress told about each blob
   */
  public ImagePush(AccessClient client, long chunkSize, TransferProgress progress) {
    this.client = client;
    this.chunkSize = chunkSize;
    this.progress = progress;
  }

  /**
   * Pushes an image from a store.
   *
   * @param source where the image is read from; not closed here
   * @param target the target image; without tag or digest, {@code latest}
   * @param mountFrom a repository of the target registry to mount blobs from, or empty
   * @return what was pushed
   */
  public PushResult push(ImageStore source, ImageReference target, String mountFrom) {
    BlobUploader uploader = uploader(target);
    Manifest root = source.root();
    pushTree(source, uploader, root, mountFrom);
    String reference = reference(target, root);
    String digest = uploader.putManifest(root, reference);
    boolean named = target.tag().isPresent() || target.digest().isPresent();
    return result(named ? target : ImageReference.parse(target + ":latest"), root, digest);
  }

  /**
   * Puts the manifest of an image under another tag of its repository; no blob moves.
   *
   * @param image the image, by tag or digest
   * @param tag the new tag
   * @return the retagged image, with the unchanged digest
   */
  public PushResult retag(ImageReference image, String tag) {
    ImageReference target = ImageReference.parse(image.name() + ":" + tag);
    Manifest manifest = store(image).root();
    String digest = uploader(target).putManifest(manifest, tag);
    return result(target, manifest, digest);
  }

  /**
   * Copies an image from a registry, streaming each blob from source to target.
   *
   * @param sourceClient the source registry's client
   * @param source the source image
   * @param target the target image; without tag or digest, the source's tag
   * @return what was pushed
   */
  public PushResult copy(AccessClient sourceClient, ImageReference source, ImageReference target) {
    ImageReference resolved = withSourceTag(source, target);
    try (RegistryStore store =
        new RegistryStore(sourceClient, source.apiHost(), source.repository(), reference(source))) {
      boolean sameRegistry = source.apiHost().equals(target.apiHost());
      return push(store, resolved, sameRegistry ? source.repository() : "");
    }
  }

  private void pushTree(ImageStore source, BlobUploader uploader, Manifest manifest, String from) {
    if (manifest.index()) {
      for (Descriptor child : manifest.manifests()) {
        Manifest childManifest = source.manifest(child);
        pushTree(source, uploader, childManifest, from);
        uploader.putManifest(childManifest, childManifest.digest());
        children.add(childManifest.digest());
      }
      return;
    }
    for (Descriptor blob : manifest.blobs()) {
      if (!MediaTypes.nonDistributable(blob.mediaType()) && placed.add(blob.digest())) {
        place(source, uploader, blob, from);
      }
    }
  }

  private void place(ImageStore source, BlobUploader uploader, Descriptor blob, String from) {
    if (uploader.exists(blob)) {
      present++;
      report(blob, blob.size(), BlobProgress.State.ALREADY_PRESENT);
      return;
    }
    Optional<URI> upload =
        from.isEmpty() ? Optional.of(uploader.start(blob)) : uploader.mount(blob, from);
    if (upload.isEmpty()) {
      mounted++;
      report(blob, blob.size(), BlobProgress.State.MOUNTED);
      return;
    }
    uploader.upload(upload.get(), blob, source.blob(blob), done -> transferring(blob, done));
    uploaded++;
    bytesUploaded += blob.size();
    report(blob, blob.size(), BlobProgress.State.UPLOADED);
  }

  private void transferring(Descriptor blob, long done) {
    report(blob, done, BlobProgress.State.TRANSFERRING);
  }

  private void report(Descriptor blob, long done, BlobProgress.State state) {
    progress.onProgress(new BlobProgress(blob.digest(), done, blob.size(), state));
  }

  private PushResult result(ImageReference target, Manifest manifest, String digest) {
    return new PushResult(
        target, digest, manifest.mediaType(), children, uploaded, mounted, present, bytesUploaded);
  }

  private BlobUploader uploader(ImageReference target) {
    return new BlobUploader(client, target.apiHost(), target.repository(), chunkSize);
  }

  private RegistryStore store(ImageReference image) {
    return new RegistryStore(client, image.apiHost(), image.repository(), reference(image));
  }

  private static String reference(ImageReference target, Manifest root) {
    Optional<String> digest = target.digest();
    if (digest.isPresent() && !digest.get().equals(root.digest())) {
      throw new ImageTransferException(
          "cannot push " + root.digest() + " as " + target + ": the digests differ", null);
    }
    return target.tag().orElse(digest.orElse("latest"));
  }

  private static String reference(ImageReference image) {
    return image.digest().orElseGet(() -> image.tag().orElse("latest"));
  }

  private static ImageReference withSourceTag(ImageReference source, ImageReference target) {
    if (target.tag().isPresent() || target.digest().isPresent()) {
      return target;
    }
    return ImageReference.parse(
        target.name() + source.tag().map(tag -> ":" + tag).orElse("@" + reference(source)));
  }

  @Override
  public String toString() {
    return "ImagePush{chunkSize=" + chunkSize + "}";
  }
}
