package io.github.pullsecrets.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an OCI image layout with one large layer: a tar holding one file of random bytes, in gzip
 * with stored (uncompressed) blocks, so that neither tool spends the benchmark compressing. Nothing
 * is held in memory beyond a 1 MiB block.
 */
final class LargeImage {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BLOCK = 1 << 20;

  private LargeImage() {}

  /** Writes the layout and returns the layer's size in bytes. */
  static long write(Path layout, long contentBytes) throws IOException {
    Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
    Path layerFile = layout.resolve("layer.tmp");
    MessageDigest compressed = sha256();
    MessageDigest uncompressed = sha256();
    try (OutputStream file = Files.newOutputStream(layerFile);
        OutputStream gzip = new StoredGzip(new DigestOutputStream(file, compressed));
        OutputStream tar = new DigestOutputStream(gzip, uncompressed)) {
      writeTar(tar, contentBytes);
    }
    String layer = hex(compressed);
    long size = Files.size(layerFile);
    Files.move(layerFile, blobs.resolve(layer));
    byte[] config = config("sha256:" + hex(uncompressed));
    Files.write(blobs.resolve(hex(config)), config);
    byte[] manifest = manifest(config, "sha256:" + layer, size);
    Files.write(blobs.resolve(hex(manifest)), manifest);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.write(layout.resolve("index.json"), index(manifest));
    return size;
  }

  private static void writeTar(OutputStream tar, long contentBytes) throws IOException {
    tar.write(header("big.bin", contentBytes));
    byte[] block = new byte[BLOCK];
    new SplittableRandom(42).nextBytes(block);
    for (long written = 0; written < contentBytes; written += BLOCK) {
      block[0]++;
      tar.write(block, 0, (int) Math.min(BLOCK, contentBytes - written));
    }
    tar.write(new byte[(int) ((512 - contentBytes % 512) % 512) + 1024]);
  }

  private static byte[] header(String name, long size) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", size));
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
    return header;
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static byte[] config(String diffId) throws IOException {
    ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
    config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(diffId);
    return JSON.writeValueAsBytes(config);
  }

  private static byte[] manifest(byte[] config, String layer, long layerSize) throws IOException {
    ObjectNode manifest =
        JSON.createObjectNode()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest
        .putObject("config")
        .put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", "sha256:" + hex(config))
        .put("size", config.length);
    manifest
        .putArray("layers")
        .addObject()
        .put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
        .put("digest", layer)
        .put("size", layerSize);
    return JSON.writeValueAsBytes(manifest);
  }

  private static byte[] index(byte[] manifest) throws IOException {
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
    index
        .putArray("manifests")
        .addObject()
        .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("digest", "sha256:" + hex(manifest))
        .put("size", manifest.length);
    return JSON.writeValueAsBytes(index);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String hex(byte[] bytes) {
    return hex(updated(bytes));
  }

  private static MessageDigest updated(byte[] bytes) {
    MessageDigest digest = sha256();
    digest.update(bytes);
    return digest;
  }

  /** A gzip stream whose deflate blocks are stored, not compressed. */
  private static final class StoredGzip extends GZIPOutputStream {
    StoredGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.NO_COMPRESSION);
    }
  }
}
