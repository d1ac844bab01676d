package io.github.pullsecrets.auth.internal.access;

import io.github.pullsecrets.auth.ImageTransferException;
import io.github.pullsecrets.auth.internal.http.StreamedResult;
import io.github.pullsecrets.auth.internal.image.Descriptor;
import io.github.pullsecrets.auth.internal.image.ImageStore;
import io.github.pullsecrets.auth.internal.image.Manifest;
import io.github.pullsecrets.auth.internal.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * An image in a registry, read as a push source: manifests by tag or digest with every manifest
 * type accepted, blobs streamed by {@code GET} (following a redirect to storage without sending
 * credentials). Each blob open is a new request, so an upload that reads it may be retried.
 */
final class RegistryStore implements ImageStore {

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final AccessClient client;
  private final String host;
  private final String repository;
  private final String reference;

  RegistryStore(AccessClient client, String host, String repository, String reference) {
    this.client = client;
    this.host = host;
    this.repository = repository;
    this.reference = reference;
  }

  @Override
  public Manifest root() {
    Manifest manifest = fetch(reference, "");
    if (reference.contains(":") && !manifest.digest().equals(reference)) {
      throw new ImageTransferException(image() + " served a manifest of another digest", null);
    }
    return manifest;
  }

  @Override
  public Manifest manifest(Descriptor descriptor) {
    Manifest manifest = fetch(descriptor.digest(), descriptor.mediaType());
    if (!manifest.digest().equals(descriptor.digest())) {
      throw new ImageTransferException(
          image() + " served manifest " + descriptor.digest() + " with other bytes", null);
    }
    return manifest;
  }

  @Override
  public Blob blob(Descriptor descriptor) {
    return new Blob(() -> open(descriptor), true);
  }

  @Override
  public void close() {
    // Each blob stream is closed by its reader; nothing else is held.
  }

  /** Returns the repository, for mounting within the same registry. */
  String repository() {
    return repository;
  }

  private Manifest fetch(String ref, String declaredType) {
    URI uri = client.uri(host, "/v2/" + repository + "/manifests/" + ref);
    Exchange exchange =
        client.exchange(host, scope(), "GET", uri, Map.of("Accept", MediaTypes.ACCEPT_MANIFESTS));
    if (exchange.status() != 200) {
      var result = client.failure(host, exchange);
      throw new ImageTransferException(
          "cannot read manifest "
              + ref
              + " of "
              + image()
              + " (token scope "
              + scope()
              + "): "
              + result,
          result);
    }
    String type = exchange.result().header("Content-Type").orElse(declaredType);
    return Manifest.parse(exchange.result().body(), type, image() + " manifest " + ref);
  }

  private InputStream open(Descriptor blob) throws IOException {
    URI uri = client.uri(host, "/v2/" + repository + "/blobs/" + blob.digest());
    StreamedResult result = client.open(host, scope(), uri, Map.of());
    if (REDIRECTS.contains(result.status()) && result.header("Location").isPresent()) {
      result.close();
      result = client.openRedirect(uri.resolve(result.header("Location").get()));
    }
    if (result.status() != 200) {
      result.close();
      throw new IOException(
          "GET blob " + blob.digest() + " of " + image() + " answered HTTP " + result.status());
    }
    return result.body();
  }

  private String scope() {
    return "repository:" + repository + ":pull";
  }

  private String image() {
    return host + "/" + repository;
  }

  @Override
  public String toString() {
    return "RegistryStore{" + image() + ":" + reference + "}";
  }
}
