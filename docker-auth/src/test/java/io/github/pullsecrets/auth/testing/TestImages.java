package io.github.pullsecrets.auth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small real images for the push tests: OCI and Docker schema 2 manifests, OCI indexes and
 * Docker manifest lists, in OCI layouts, OCI archives and {@code docker save} archives, with layers
 * of random bytes of a chosen size.
 */
public final class TestImages {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  private static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  private static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  private TestImages() {}

  /** One blob: its bytes, digest and, for a layer, the digest of its uncompressed tar. */
  public record Blob(byte[] bytes, String digest, String diffId) {

    /** Makes a blob of bytes whose uncompressed form is itself. */
    public static Blob of(byte[] bytes) {
      String digest = OciImage.digest(bytes);
      return new Blob(bytes, digest, digest);
    }

    /** Returns the hex part of the digest. */
    public String hex() {
      return digest.substring(7);
    }
  }

  /** An image as written: its manifest (or index) bytes and every blob it needs. */
  public record Image(Blob manifest, String mediaType, List<Blob> blobs, List<Blob> manifests) {

    /** Returns the manifest's digest. */
    public String digest() {
      return manifest.digest();
    }

    /** Returns the layer blobs (every blob but the configs). */
    public List<Blob> layers() {
      return blobs.stream().filter(b -> !isJson(b.bytes())).toList();
    }
  }

  /** Returns a gzip layer holding one file of random bytes. */
  public static Blob randomLayer(String name, int size, long seed) {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    byte[] tar = new TarWriter().file(name, content).finish();
    byte[] gzip = gzip(tar);
    return new Blob(gzip, OciImage.digest(gzip), OciImage.digest(tar));
  }

  /** Builds a single-platform OCI image with these layers. */
  public static Image image(String architecture, Blob... layers) {
    return manifest(new Types(MANIFEST, CONFIG, LAYER), architecture, layers);
  }

  /** Builds a single-platform Docker image (schema 2 manifest) with these gzip layers. */
  public static Image dockerImage(String architecture, Blob... layers) {
    return manifest(new Types(DOCKER_MANIFEST, DOCKER_CONFIG, DOCKER_LAYER), architecture, layers);
  }

  /** Builds an OCI index of single-platform images, listed for linux and each architecture. */
  public static Image index(Image... images) {
    return list(INDEX, images);
  }

  /** Builds a Docker manifest list of Docker images, listed for linux and each architecture. */
  public static Image dockerList(Image... images) {
    return list(DOCKER_LIST, images);
  }

  /** The media types of an image manifest, its config and its layers. */
  private record Types(String manifest, String config, String layer) {}

  private static Image manifest(Types types, String architecture, Blob... layers) {
    List<String> diffIds = Stream.of(layers).map(Blob::diffId).toList();
    Blob config = Blob.of(json(config(architecture, diffIds)));
    ObjectNode manifest =
        JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", types.manifest());
    manifest.set("config", descriptor(types.config(), config));
    ArrayNode array = manifest.putArray("layers");
    List<Blob> blobs = new ArrayList<>(List.of(config));
    for (Blob layer : layers) {
      array.add(descriptor(types.layer(), layer));
      blobs.add(layer);
    }
    return new Image(Blob.of(json(manifest)), types.manifest(), blobs, List.of());
  }

  private static Image list(String mediaType, Image... images) {
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", mediaType);
    ArrayNode manifests = index.putArray("manifests");
    List<Blob> blobs = new ArrayList<>();
    List<Blob> children = new ArrayList<>();
    for (Image image : images) {
      ObjectNode entry = descriptor(image.mediaType(), image.manifest());
      entry.putObject("platform").put("architecture", architecture(image)).put("os", "linux");
      manifests.add(entry);
      blobs.addAll(image.blobs());
      children.add(image.manifest());
    }
    return new Image(Blob.of(json(index)), mediaType, blobs, children);
  }

  /** Writes an image as an OCI layout folder, tagged in {@code index.json}. */
  public static Path writeLayout(Path folder, String tag, Image image) {
    try {
      Files.createDirectories(folder.resolve("blobs/sha256"));
      for (Blob blob : all(image)) {
        Files.write(folder.resolve("blobs/sha256/" + blob.hex()), blob.bytes());
      }
      Files.writeString(folder.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      ObjectNode top = JSON.createObjectNode().put("schemaVersion", 2);
      ObjectNode entry = descriptor(image.mediaType(), image.manifest());
      entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
      top.putArray("manifests").add(entry);
      Files.write(folder.resolve("index.json"), json(top));
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the files of a layout folder into a tar archive, with directory entries. */
  public static Path writeOciArchive(Path layout, Path archive) {
    TarWriter tar = new TarWriter().directory("blobs").directory("blobs/sha256");
    try (Stream<Path> files = Files.walk(layout)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        tar.file(layout.relativize(file).toString(), Files.readAllBytes(file));
      }
      Files.write(archive, tar.finish());
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a {@code docker save} archive (the format before OCI): a config file, a layer directory
   * holding the uncompressed layer, and {@code manifest.json}. The image lists the layer twice, the
   * second time through a directory whose {@code layer.tar} is a symbolic link to the first, as
   * docker writes a layer it has already saved. Gzip when asked.
   */
  public static Path writeDockerSave(Path archive, String repoTag, byte[] layerTar, boolean gzip) {
    String diffId = OciImage.digest(layerTar);
    byte[] config = json(config("amd64", List.of(diffId, diffId)));
    String configName = OciImage.digest(config).substring(7) + ".json";
    String layerDir = diffId.substring(7);
    ArrayNode manifest = JSON.createArrayNode();
    ObjectNode image = manifest.addObject().put("Config", configName);
    image.putArray("RepoTags").add(repoTag);
    image.putArray("Layers").add(layerDir + "/layer.tar").add("again/layer.tar");
    byte[] tar =
        new TarWriter()
            .file(configName, config)
            .directory(layerDir)
            .file(layerDir + "/layer.tar", layerTar)
            .directory("again")
            .symlink("again/layer.tar", "../" + layerDir + "/layer.tar")
            .file("manifest.json", json(manifest))
            .finish();
    try {
      Files.write(archive, gzip ? gzip(tar) : tar);
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns an uncompressed layer holding one file of random bytes. */
  public static byte[] randomLayerTar(String name, int size, long seed) {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    return new TarWriter().file(name, content).finish();
  }

  private static List<Blob> all(Image image) {
    List<Blob> all = new ArrayList<>(image.blobs());
    all.addAll(image.manifests());
    all.add(image.manifest());
    return all;
  }

  private static ObjectNode config(String architecture, List<String> diffIds) {
    ObjectNode config =
        JSON.createObjectNode().put("architecture", architecture).put("os", "linux");
    config.putObject("config").putArray("Cmd").add("/bin/true");
    ArrayNode array = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    diffIds.forEach(array::add);
    return config;
  }

  private static String architecture(Image image) {
    try {
      return JSON.readTree(image.blobs().get(0).bytes()).path("architecture").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode descriptor(String mediaType, Blob blob) {
    return JSON.createObjectNode()
        .put("mediaType", mediaType)
        .put("digest", blob.digest())
        .put("size", blob.bytes().length);
  }

  private static boolean isJson(byte[] bytes) {
    return bytes.length > 0 && bytes[0] == '{';
  }

  private static byte[] json(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the gzip compression of bytes. */
  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
