package io.github.pullsecrets.auth.internal.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.InvalidImageSourceException;
import io.github.pullsecrets.auth.internal.http.JsonSupport;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code docker save} archive in the format before OCI layouts: {@code manifest.json} lists each
 * image's config file, tags and layer files. The push sends a Docker schema 2 manifest built from
 * them: the config and the layers as they are in the archive (a layer that is not gzip is sent
 * uncompressed, with the uncompressed layer type), their digests computed by one reading pass.
 */
final class DockerArchiveStore implements ImageStore {

  private static final ObjectMapper JSON = JsonSupport.newMapper();

  private final Entries entries;
  private final String source;
  private final Map<String, String> paths = new HashMap<>();
  private final Manifest manifest;

  DockerArchiveStore(Entries entries, String tag, String source) {
    this.entries = entries;
    this.source = source;
    this.manifest = build(choose(tag));
  }

  @Override
  public Manifest root() {
    return manifest;
  }

  @Override
  public Manifest manifest(Descriptor descriptor) {
    throw new InvalidImageSourceException(source, "a docker save image has no child manifests");
  }

  @Override
  public Blob blob(Descriptor descriptor) {
    String path = paths.get(descriptor.digest());
    if (path == null) {
      throw new InvalidImageSourceException(source, "no file holds " + descriptor.digest());
    }
    return new Blob(() -> entries.open(path), true);
  }

  @Override
  public void close() {
    entries.close();
  }

  private JsonNode choose(String tag) {
    JsonNode images = readManifestJson();
    List<JsonNode> chosen = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (JsonNode image : images) {
      for (JsonNode repoTag : image.path("RepoTags")) {
        tags.add(repoTag.asText());
      }
      if (tag.isEmpty() || tagged(image, tag)) {
        chosen.add(image);
      }
    }
    if (chosen.size() != 1) {
      String problem = tag.isEmpty() ? "manifest.json lists " + images.size() + " images" : "";
      throw new InvalidImageSourceException(
          source,
          (problem.isEmpty() ? chosen.size() + " images are tagged " + tag : problem)
              + "; tags: "
              + tags);
    }
    return chosen.get(0);
  }

  private static boolean tagged(JsonNode image, String tag) {
    for (JsonNode repoTag : image.path("RepoTags")) {
      String text = repoTag.asText();
      if (text.equals(tag) || text.endsWith(":" + tag)) {
        return true;
      }
    }
    return false;
  }

  private JsonNode readManifestJson() {
    try {
      JsonNode images = JSON.readTree(entries.read("manifest.json", OciLayoutStore.MAX_MANIFEST));
      if (images == null || !images.isArray()) {
        throw new InvalidImageSourceException(source, "manifest.json is not a JSON array");
      }
      return images;
    } catch (IOException e) {
      throw new InvalidImageSourceException(source, "manifest.json is unreadable or not JSON");
    }
  }

  private Manifest build(JsonNode image) {
    ObjectNode root = JSON.createObjectNode().put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.DOCKER_MANIFEST);
    root.set("config", describe(text(image, "Config"), MediaTypes.DOCKER_CONFIG));
    ArrayNode layers = root.putArray("layers");
    for (JsonNode layer : image.path("Layers")) {
      String path = layer.asText();
      layers.add(
          describe(path, gzip(path) ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.DOCKER_LAYER));
    }
    try {
      return Manifest.parse(JSON.writeValueAsBytes(root), MediaTypes.DOCKER_MANIFEST, source);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a manifest", e);
    }
  }

  private String text(JsonNode image, String field) {
    String value = image.path(field).asText("");
    if (value.isEmpty()) {
      throw new InvalidImageSourceException(source, "manifest.json: " + field + " is missing");
    }
    return value;
  }

  private ObjectNode describe(String path, String mediaType) {
    long[] sizeAndDigest = new long[1];
    String digest = hash(path, sizeAndDigest);
    paths.put(digest, path);
    return JSON.createObjectNode()
        .put("mediaType", mediaType)
        .put("size", sizeAndDigest[0])
        .put("digest", digest);
  }

  private String hash(String path, long[] size) {
    MessageDigest digest = Hashes.newDigest("sha256");
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = entries.open(path)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        size[0] += n;
      }
      return Hashes.finish("sha256", digest);
    } catch (IOException e) {
      throw new InvalidImageSourceException(source, "cannot read " + path + ": " + e.getMessage());
    }
  }

  private boolean gzip(String path) {
    try (InputStream in = entries.open(path)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    } catch (IOException e) {
      throw new InvalidImageSourceException(source, "cannot read " + path + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "DockerArchiveStore{" + source + "}";
  }
}
