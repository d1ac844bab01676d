package io.github.pullsecrets.auth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a tiny real image as an OCI image layout: one gzip layer holding one file in a ustar
 * archive, an image config and an OCI manifest, tagged in {@code index.json}.
 */
public final class OciImage {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OciImage() {}

  /**
   * Writes the layout and returns the manifest digest.
   *
   * @param layout the layout directory
   * @param tag the tag in {@code index.json}
   * @param content the text of the one file in the layer
   * @return the manifest digest, {@code sha256:...}
   */
  public static String write(Path layout, String tag, String content) {
    try {
      Files.createDirectories(layout.resolve("blobs/sha256"));
      byte[] tar = tar("hello.txt", content.getBytes(StandardCharsets.UTF_8));
      byte[] layer = gzip(tar);
      byte[] config = config(digest(tar));
      byte[] manifest = manifest(digest(config), config.length, digest(layer), layer.length);
      for (byte[] blob : new byte[][] {layer, config, manifest}) {
        Files.write(layout.resolve("blobs/sha256/" + digest(blob).substring(7)), blob);
      }
      Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      Files.write(layout.resolve("index.json"), index(digest(manifest), manifest.length, tag));
      return digest(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] config(String diffId) throws IOException {
    ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
    config.putObject("config").putArray("Cmd").add("/hello.txt");
    ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
    rootfs.putArray("diff_ids").add(diffId);
    return JSON.writeValueAsBytes(config);
  }

  private static byte[] manifest(String config, long configSize, String layer, long layerSize)
      throws IOException {
    ObjectNode manifest =
        JSON.createObjectNode()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.set(
        "config", descriptor("application/vnd.oci.image.config.v1+json", config, configSize));
    manifest
        .putArray("layers")
        .add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer, layerSize));
    return JSON.writeValueAsBytes(manifest);
  }

  private static byte[] index(String manifest, long size, String tag) throws IOException {
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
    ObjectNode entry = descriptor("application/vnd.oci.image.manifest.v1+json", manifest, size);
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
    index.putArray("manifests").add(entry);
    return JSON.writeValueAsBytes(index);
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    return JSON.createObjectNode()
        .put("mediaType", mediaType)
        .put("digest", digest)
        .put("size", size);
  }

  /** Returns a ustar archive with one regular file, as POSIX.1-1988 lays it out. */
  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", 1_700_000_000L));
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512 + 1024]);
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }

  /** Returns {@code sha256:<hex>} of the bytes. */
  public static String digest(byte[] data) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
