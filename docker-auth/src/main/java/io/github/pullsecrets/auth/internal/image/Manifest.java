package io.github.pullsecrets.auth.internal.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pullsecrets.auth.InvalidImageSourceException;
import io.github.pullsecrets.auth.internal.http.JsonSupport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest or index exactly as stored: its bytes (pushed unchanged), media type and digest, and
 * the descriptors it refers to. Immutable; the bytes are never handed out for change.
 */
public final class Manifest {

  private static final ObjectMapper JSON = JsonSupport.newMapper();

  private final byte[] bytes;
  private final String mediaType;
  private final String digest;
  private final List<Descriptor> manifests;
  private final List<Descriptor> blobs;

  private Manifest(byte[] bytes, String mediaType, List<Descriptor> manifests, List<Descriptor> b) {
    this.bytes = bytes.clone();
    this.mediaType = mediaType;
    this.digest = Hashes.sha256(bytes);
    this.manifests = List.copyOf(manifests);
    this.blobs = List.copyOf(b);
  }

  /**
   * Parses a manifest or index.
   *
   * @param bytes the exact bytes
   * @param declaredType the media type its container declared (a descriptor or {@code
   *     Content-Type}), or empty; the document's own {@code mediaType} wins
   * @param source names the image in errors
   * @return the manifest
   * @throws InvalidImageSourceException if it is not a manifest or an index
   */
  public static Manifest parse(byte[] bytes, String declaredType, String source) {
    JsonNode root = readObject(bytes, source);
    String type = mediaType(root, declaredType);
    if (MediaTypes.index(type)) {
      return new Manifest(bytes, type, descriptors(root, "manifests", source), List.of());
    }
    if (!root.path("layers").isArray() || !root.path("config").isObject()) {
      throw new InvalidImageSourceException(
          source,
          "the manifest (" + type + ") has no config and layers; schema 1 is not supported");
    }
    List<Descriptor> blobs = new ArrayList<>();
    blobs.add(descriptor(root.path("config"), "config", source));
    blobs.addAll(descriptors(root, "layers", source));
    return new Manifest(bytes, type, List.of(), blobs);
  }

  /** Returns a copy of the exact bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Returns the media type. */
  public String mediaType() {
    return mediaType;
  }

  /** Returns the sha256 digest of the bytes. */
  public String digest() {
    return digest;
  }

  /** Returns this manifest's own descriptor. */
  public Descriptor descriptor() {
    return new Descriptor(mediaType, digest, bytes.length);
  }

  /** Returns whether this is an OCI index or a Docker manifest list. */
  public boolean index() {
    return MediaTypes.index(mediaType);
  }

  /** Returns the manifests an index refers to; empty for an image manifest. */
  public List<Descriptor> manifests() {
    return manifests;
  }

  /** Returns the config and the layers of an image manifest, in order; empty for an index. */
  public List<Descriptor> blobs() {
    return blobs;
  }

  @Override
  public String toString() {
    return "Manifest{" + mediaType + ", " + digest + "}";
  }

  /**
   * Reads a descriptor object.
   *
   * @param node the JSON object
   * @param where the field path, for errors
   * @param source names the image in errors
   * @return the descriptor
   */
  public static Descriptor descriptor(JsonNode node, String where, String source) {
    String digest = node.path("digest").asText("");
    if (!Descriptor.validDigest(digest)) {
      throw new InvalidImageSourceException(
          source, where + ": digest missing or not sha256, sha384 or sha512 in lower-case hex");
    }
    JsonNode size = node.path("size");
    if (!size.canConvertToLong() || size.asLong() < 0) {
      throw new InvalidImageSourceException(source, where + ": size missing or negative");
    }
    return new Descriptor(node.path("mediaType").asText(""), digest, size.asLong());
  }

  /**
   * Reads bytes that must hold a JSON object.
   *
   * @param bytes the bytes
   * @param source names the document in errors
   * @return the object
   */
  public static JsonNode readObject(byte[] bytes, String source) {
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null || !root.isObject()) {
        throw new InvalidImageSourceException(source, "not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new InvalidImageSourceException(source, "not valid JSON");
    }
  }

  private static List<Descriptor> descriptors(JsonNode root, String field, String source) {
    JsonNode array = root.path(field);
    if (!array.isArray()) {
      throw new InvalidImageSourceException(source, field + " is missing or not an array");
    }
    List<Descriptor> list = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      list.add(descriptor(array.get(i), field + "[" + i + "]", source));
    }
    return list;
  }

  private static String mediaType(JsonNode root, String declaredType) {
    String own = root.path("mediaType").asText("");
    if (!own.isEmpty()) {
      return own;
    }
    if (!declaredType.isEmpty()) {
      return declaredType;
    }
    return root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
  }
}
