package io.github.pullsecrets.auth.internal.access;

import io.github.pullsecrets.auth.AccessResult;
import io.github.pullsecrets.auth.BlobDigestMismatchException;
import io.github.pullsecrets.auth.DockerAuthException;
import io.github.pullsecrets.auth.ImageTransferException;
import io.github.pullsecrets.auth.internal.http.RequestBody;
import io.github.pullsecrets.auth.internal.image.Descriptor;
import io.github.pullsecrets.auth.internal.image.Hashes;
import io.github.pullsecrets.auth.internal.image.ImageStore;
import io.github.pullsecrets.auth.internal.image.Manifest;
import io.github.pullsecrets.auth.internal.image.SliceStream;
import io.github.pullsecrets.auth.internal.image.VerifyingStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * The blob and manifest requests of a push into one repository: {@code HEAD} a blob, mount it from
 * another repository, start an upload, send it in one {@code PUT} or in {@code PATCH} chunks, and
 * {@code PUT} a manifest. Every blob is checked against its digest while it streams; a mismatch
 * stops the upload before the registry commits it.
 */
final class BlobUploader {

  private static final String OCTETS = "application/octet-stream";

  private final AccessClient client;
  private final String host;
  private final String repository;
  private final long chunkSize;

  BlobUploader(AccessClient client, String host, String repository, long chunkSize) {
    this.client = client;
    this.host = host;
    this.repository = repository;
    this.chunkSize = chunkSize;
  }

  /** Returns the token scope every request of the push asks for. */
  String scope() {
    return "repository:" + repository + ":pull,push";
  }

  boolean exists(Descriptor blob) {
    Exchange exchange = send("HEAD", path("/blobs/" + blob.digest()), Map.of(), null);
    if (exchange.status() == 200 || exchange.status() == 404) {
      return exchange.status() == 200;
    }
    throw refused("check blob " + blob.digest(), exchange, scope());
  }

  /** Mounts a blob; returns empty when mounted, else the upload the registry started instead. */
  Optional<URI> mount(Descriptor blob, String from) {
    String query = "?mount=" + encode(blob.digest()) + "&from=" + encode(from);
    String scope = scope() + " repository:" + from + ":pull";
    URI uri = client.uri(host, path("/blobs/uploads/") + query);
    Exchange exchange = client.exchange(host, scope, "POST", uri, Map.of(), null);
    if (exchange.status() == 201) {
      return Optional.empty();
    }
    return Optional.of(location(exchange, 202, "mount blob " + blob.digest(), scope));
  }

  URI start(Descriptor blob) {
    Exchange exchange = send("POST", path("/blobs/uploads/"), Map.of(), null);
    return location(exchange, 202, "start the upload of blob " + blob.digest(), scope());
  }

  /** Uploads a blob; on a digest mismatch the upload is cancelled (best effort) and rethrown. */
  void upload(URI location, Descriptor blob, ImageStore.Blob bytes, LongConsumer progress) {
    AtomicReference<URI> latest = new AtomicReference<>(location);
    try {
      if (blob.size() == 0) {
        requireEmptyDigest(blob);
      }
      if (blob.size() <= chunkSize) {
        uploadWhole(location, blob, bytes, progress);
      } else {
        uploadChunks(latest, blob, bytes, progress);
      }
    } catch (BlobDigestMismatchException e) {
      cancel(latest.get());
      throw e;
    }
  }

  String putManifest(Manifest manifest, String reference) {
    RequestBody body = RequestBody.of(manifest.mediaType(), manifest.bytes());
    Exchange exchange = send("PUT", path("/manifests/" + reference), Map.of(), body);
    if (exchange.status() != 201) {
      throw refused("put manifest " + manifest.digest(), exchange, scope());
    }
    String stored = exchange.result().header("Docker-Content-Digest").orElse(manifest.digest());
    if (!stored.equals(manifest.digest())) {
      throw new ImageTransferException(
          "the registry stored manifest " + manifest.digest() + " as " + stored, null);
    }
    return stored;
  }

  private void uploadWhole(URI location, Descriptor blob, ImageStore.Blob bytes, LongConsumer p) {
    AtomicReference<VerifyingStream> opened = new AtomicReference<>();
    AtomicReference<Exception> sourceFailure = new AtomicReference<>();
    RequestBody body =
        new RequestBody(
            OCTETS,
            blob.size(),
            () -> open(bytes, blob, p, opened, sourceFailure),
            bytes.repeatable());
    Exchange exchange;
    try {
      exchange = sendTo("PUT", withDigest(location, blob), Map.of(), body);
    } catch (AccessFailure failure) {
      throw localFailure(blob, opened.get(), sourceFailure.get()).orElseGet(() -> lost(failure));
    }
    Optional<ImageTransferException> local = localFailure(blob, opened.get(), sourceFailure.get());
    if (local.isPresent()) {
      throw local.get();
    }
    expectCreated(exchange, blob);
  }

  /** Sends the chunks; {@code latest} always holds the upload's newest location. */
  private void uploadChunks(
      AtomicReference<URI> latest, Descriptor blob, ImageStore.Blob bytes, LongConsumer p) {
    try (VerifyingStream stream = new VerifyingStream(openSource(bytes, blob), blob, p)) {
      for (long start = 0; start < blob.size(); start += chunkSize) {
        patch(latest, blob, stream, start, Math.min(chunkSize, blob.size() - start));
      }
      if (!stream.verified()) {
        throw stream
            .mismatch()
            .orElseGet(() -> new BlobDigestMismatchException(blob.digest(), "too few bytes"));
      }
    } catch (IOException e) {
      throw new ImageTransferException("cannot read blob " + blob.digest() + ": " + e, null);
    }
    expectCreated(sendTo("PUT", withDigest(latest.get(), blob), Map.of(), null), blob);
  }

  private void patch(
      AtomicReference<URI> latest,
      Descriptor blob,
      VerifyingStream stream,
      long start,
      long length) {
    String range = start + "-" + (start + length - 1);
    RequestBody body =
        new RequestBody(OCTETS, length, () -> new SliceStream(stream, length), false);
    Exchange exchange;
    try {
      exchange = sendTo("PATCH", latest.get(), Map.of("Content-Range", range), body);
    } catch (AccessFailure failure) {
      throw stream
          .mismatch()
          .map(ImageTransferException.class::cast)
          .orElseGet(() -> lost(failure));
    }
    String what = "upload bytes " + range + " of blob " + blob.digest();
    if (stream.mismatch().isPresent()) {
      movedTo(exchange, what).ifPresent(latest::set);
      throw stream.mismatch().get();
    }
    latest.set(location(exchange, 202, what, scope()));
  }

  private InputStream open(
      ImageStore.Blob bytes,
      Descriptor blob,
      LongConsumer progress,
      AtomicReference<VerifyingStream> opened,
      AtomicReference<Exception> sourceFailure)
      throws IOException {
    try {
      VerifyingStream stream = new VerifyingStream(bytes.opener().open(), blob, progress);
      opened.set(stream);
      return stream;
    } catch (IOException | RuntimeException e) {
      sourceFailure.set(e);
      throw e;
    }
  }

  private static InputStream openSource(ImageStore.Blob bytes, Descriptor blob) {
    try {
      return bytes.opener().open();
    } catch (IOException e) {
      throw sourceProblem(blob, e);
    }
  }

  private static Optional<ImageTransferException> localFailure(
      Descriptor blob, VerifyingStream opened, Exception sourceFailure) {
    if (opened != null && opened.mismatch().isPresent()) {
      return Optional.of(opened.mismatch().get());
    }
    return Optional.ofNullable(sourceFailure).map(e -> sourceProblem(blob, e));
  }

  private static ImageTransferException sourceProblem(Descriptor blob, Exception e) {
    if (e instanceof ImageTransferException) {
      return (ImageTransferException) e;
    }
    Throwable cause = e.getCause();
    if (cause instanceof ImageTransferException) {
      return (ImageTransferException) cause;
    }
    String detail = e instanceof DockerAuthException ? e.getMessage() : e.toString();
    return new ImageTransferException("cannot read blob " + blob.digest() + ": " + detail, null);
  }

  /**
   * Deletes an upload the push gave up; the registry would otherwise keep it until it expires. A
   * token registry checks the {@code delete} action for any {@code DELETE}, so the token is asked
   * for it too (a credential without it leaves the upload to expire). The location keeps its query:
   * distribution needs the {@code _state} in it to find the upload.
   */
  private void cancel(URI upload) {
    try {
      client.exchange(host, scope() + ",delete", "DELETE", upload, Map.of(), null);
    } catch (AccessFailure ignored) {
      // Best effort: the mismatch is what the caller needs to hear about.
    }
  }

  private static void requireEmptyDigest(Descriptor blob) {
    String empty = Hashes.finish(blob.algorithm(), Hashes.newDigest(blob.algorithm()));
    if (!empty.equals(blob.digest())) {
      throw new BlobDigestMismatchException(blob.digest(), empty);
    }
  }

  private void expectCreated(Exchange exchange, Descriptor blob) {
    if (exchange.status() != 201) {
      throw refused("complete the upload of blob " + blob.digest(), exchange, scope());
    }
  }

  /** Returns where an accepted chunk moved the upload, if the registry said so plainly. */
  private Optional<URI> movedTo(Exchange exchange, String what) {
    try {
      return Optional.of(location(exchange, 202, what, scope()));
    } catch (ImageTransferException e) {
      return Optional.empty();
    }
  }

  private URI location(Exchange exchange, int expected, String what, String scope) {
    if (exchange.status() != expected) {
      throw refused(what, exchange, scope);
    }
    String location =
        exchange
            .result()
            .header("Location")
            .orElseThrow(() -> protocol(what + ": the registry sent no Location"));
    URI uri = exchange.uri().resolve(location);
    if (!Transport.hostOf(uri).equals(host)) {
      throw protocol(what + ": the upload moved to another host, " + Transport.hostOf(uri));
    }
    return uri;
  }

  private Exchange send(String method, String path, Map<String, String> headers, RequestBody b) {
    return sendTo(method, client.uri(host, path), headers, b);
  }

  private Exchange sendTo(String method, URI uri, Map<String, String> headers, RequestBody b) {
    return client.exchange(host, scope(), method, uri, headers, b);
  }

  private ImageTransferException refused(String what, Exchange exchange, String scope) {
    AccessResult result = client.failure(host, exchange);
    boolean bearer = exchange.challenge().map(Challenge::bearer).orElse(false);
    boolean refusal = exchange.status() == 401 || exchange.status() == 403;
    String scopeNote = bearer && refusal ? scope(scope) : "";
    return new ImageTransferException(
        "cannot " + what + " in " + host + "/" + repository + scopeNote + ": " + result, result);
  }

  private static String scope(String scope) {
    return " (the credential needs the token scope " + scope + ")";
  }

  private ImageTransferException lost(AccessFailure failure) {
    return new ImageTransferException(
        "upload to " + host + "/" + repository + " failed: " + failure.result(), failure.result());
  }

  private ImageTransferException protocol(String detail) {
    return new ImageTransferException("cannot " + detail, null);
  }

  private String path(String rest) {
    return "/v2/" + repository + rest;
  }

  private static URI withDigest(URI location, Descriptor blob) {
    String separator = location.getRawQuery() == null ? "?" : "&";
    return URI.create(location + separator + "digest=" + encode(blob.digest()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
