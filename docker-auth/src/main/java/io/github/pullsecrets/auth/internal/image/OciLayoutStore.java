package io.github.pullsecrets.auth.internal.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pullsecrets.auth.InvalidImageSourceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI image layout, in a folder or a tar archive: {@code oci-layout}, {@code index.json} and
 * {@code blobs/<algorithm>/<hex>}. The image is the {@code index.json} entry whose {@code
 * org.opencontainers.image.ref.name} annotation is the tag asked for, or the only entry.
 */
final class OciLayoutStore implements ImageStore {

  static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** Registries refuse manifests above 4 MiB; so does this reader. */
  static final int MAX_MANIFEST = 4 << 20;

  private final Entries entries;
  private final String tag;
  private final String source;

  OciLayoutStore(Entries entries, String tag, String source) {
    this.entries = entries;
    this.tag = tag;
    this.source = source;
    if (!entries.exists("oci-layout") || !entries.exists("index.json")) {
      throw new InvalidImageSourceException(
          source, "not an OCI image layout: oci-layout or index.json is missing");
    }
  }

  @Override
  public Manifest root() {
    JsonNode index = Manifest.readObject(read("index.json"), source + " index.json");
    List<JsonNode> chosen = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (JsonNode entry : index.path("manifests")) {
      String name = entry.path("annotations").path(REF_NAME).asText("");
      names.add(name);
      if (tag.isEmpty() || name.equals(tag)) {
        chosen.add(entry);
      }
    }
    if (chosen.size() != 1) {
      throw new InvalidImageSourceException(source, choiceProblem(chosen.size(), names));
    }
    return manifest(Manifest.descriptor(chosen.get(0), "index.json manifests", source));
  }

  @Override
  public Manifest manifest(Descriptor descriptor) {
    if (descriptor.size() > MAX_MANIFEST) {
      throw new InvalidImageSourceException(source, descriptor.digest() + " is over 4 MiB");
    }
    byte[] bytes = read(path(descriptor));
    if (!Hashes.sha256(bytes).equals(descriptor.digest()) || bytes.length != descriptor.size()) {
      throw new InvalidImageSourceException(
          source, "manifest " + descriptor.digest() + " does not match its digest or size");
    }
    return Manifest.parse(bytes, descriptor.mediaType(), source);
  }

  @Override
  public Blob blob(Descriptor descriptor) {
    String path = path(descriptor);
    if (!entries.exists(path)) {
      throw new InvalidImageSourceException(source, "blob " + descriptor.digest() + " is missing");
    }
    return new Blob(() -> entries.open(path), true);
  }

  @Override
  public void close() {
    entries.close();
  }

  private String choiceProblem(int matches, List<String> names) {
    if (tag.isEmpty()) {
      return "index.json lists "
          + names.size()
          + " manifests; name one by its "
          + REF_NAME
          + ": "
          + names;
    }
    return matches == 0
        ? "no manifest is tagged " + tag + " (" + REF_NAME + " values: " + names + ")"
        : matches + " manifests are tagged " + tag;
  }

  private static String path(Descriptor descriptor) {
    return "blobs/" + descriptor.algorithm() + "/" + descriptor.hex();
  }

  private byte[] read(String name) {
    try {
      return entries.read(name, MAX_MANIFEST);
    } catch (IOException e) {
      throw new InvalidImageSourceException(source, "cannot read " + name + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "OciLayoutStore{" + source + (tag.isEmpty() ? "" : ":" + tag) + "}";
  }
}
