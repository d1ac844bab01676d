package io.github.pullsecrets.auth.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes tar archives as POSIX ustar lays them out, plus a pax {@code path} record for names over
 * 100 bytes, and symbolic links, so that the reader under test meets what real tools write.
 */
public final class TarWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Adds a regular file. */
  public TarWriter file(String name, byte[] content) {
    if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
      byte[] record = paxRecord("path", name);
      entry("PaxHeaders/" + name.hashCode(), 'x', record, "");
      return entry(name.substring(0, 99), '0', content, "");
    }
    return entry(name, '0', content, "");
  }

  /** Adds a directory entry. */
  public TarWriter directory(String name) {
    return entry(name.endsWith("/") ? name : name + "/", '5', new byte[0], "");
  }

  /** Adds a symbolic link. */
  public TarWriter symlink(String name, String target) {
    return entry(name, '2', new byte[0], target);
  }

  /** Returns the archive, with its two closing zero blocks. */
  public byte[] finish() {
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private TarWriter entry(String name, char type, byte[] content, String link) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", 1_700_000_000L));
    Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = (byte) type;
    put(header, 157, link);
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    return this;
  }

  private static byte[] paxRecord(String key, String value) {
    byte[] body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    int length = body.length + 1;
    while (String.valueOf(length).length() + body.length != length) {
      length = String.valueOf(length).length() + body.length;
    }
    return (length + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
