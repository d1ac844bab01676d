package io.github.pullsecrets.auth.internal.image;

import io.github.pullsecrets.auth.InvalidImageSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The regular files of an uncompressed tar archive (POSIX ustar, with pax {@code path}, {@code
 * linkpath} and {@code size} records and GNU long names, as {@code docker save} and OCI tools
 * write), found by one pass over the headers and then read in place. Hard and symbolic links to
 * files are followed. Reading does not hold the archive open between files.
 */
public final class TarArchive implements Entries {

  private static final int BLOCK = 512;
  private static final int MAX_LINK_HOPS = 16;
  private static final int MAX_META = 1 << 20;

  private final Path file;
  private final Map<String, long[]> files = new HashMap<>();
  private final Map<String, String> links = new HashMap<>();
  private final Runnable onClose;

  private TarArchive(Path file, Runnable onClose) {
    this.file = file;
    this.onClose = onClose;
  }

  /**
   * Indexes an archive.
   *
   * @param file the archive
   * @param source names the archive in errors
   * @param onClose run by {@link #close()}, such as deleting a temporary copy
   * @return the archive's files
   * @throws InvalidImageSourceException if a header is broken
   * @throws UncheckedIOException if the archive cannot be read
   */
  public static TarArchive index(Path file, String source, Runnable onClose) {
    TarArchive archive = new TarArchive(file, onClose);
    try (FileChannel channel = FileChannel.open(file)) {
      new HeaderReader(channel, source).readAll(archive);
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  @Override
  public boolean exists(String name) {
    return find(name) != null;
  }

  @Override
  public InputStream open(String name) throws IOException {
    long[] entry = find(name);
    if (entry == null) {
      throw new NoSuchFileException(name);
    }
    FileChannel channel = FileChannel.open(file);
    channel.position(entry[0]);
    return new EntryStream(Channels.newInputStream(channel), entry[1]);
  }

  @Override
  public void close() {
    onClose.run();
  }

  @Override
  public String toString() {
    return "TarArchive{" + file + ", " + files.size() + " files}";
  }

  private long[] find(String name) {
    String current = normalize(name);
    for (int hop = 0; hop <= MAX_LINK_HOPS && current != null; hop++) {
      long[] entry = files.get(current);
      if (entry != null) {
        return entry;
      }
      current = links.get(current);
    }
    return null;
  }

  static String normalize(String name) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        parts.pollLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** One pass over the headers, collecting files and links. */
  private static final class HeaderReader {
    private final FileChannel channel;
    private final String source;
    private Map<String, String> pax = Map.of();
    private String longName;
    private String longLink;

    HeaderReader(FileChannel channel, String source) {
      this.channel = channel;
      this.source = source;
    }

    void readAll(TarArchive archive) throws IOException {
      long position = 0;
      byte[] header = readBlock(position);
      while (header != null && !zero(header)) {
        checkSum(header, position);
        long size = pax.containsKey("size") ? paxSize() : number(header, 124, 12, position);
        long data = position + BLOCK;
        if (data + size > channel.size()) {
          throw invalid("the archive ends inside the entry at offset " + position);
        }
        collect(archive, header, data, size);
        position = data + (size + BLOCK - 1) / BLOCK * BLOCK;
        header = readBlock(position);
      }
    }

    private void collect(TarArchive archive, byte[] header, long data, long size)
        throws IOException {
      char type = (char) header[156];
      if (type == 'x' || type == 'L' || type == 'K') {
        readMeta(type, data, size);
        return;
      }
      String name = normalize(pax.getOrDefault("path", longName != null ? longName : name(header)));
      String link =
          pax.getOrDefault("linkpath", longLink != null ? longLink : text(header, 157, 100));
      if (type == '0' || type == 0 || type == '7') {
        archive.files.put(name, new long[] {data, size});
      } else if (type == '1') {
        archive.links.put(name, normalize(link));
      } else if (type == '2') {
        String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
        archive.links.put(name, normalize(link.startsWith("/") ? link : parent + link));
      }
      pax = Map.of();
      longName = null;
      longLink = null;
    }

    private void readMeta(char type, long data, long size) throws IOException {
      if (size > MAX_META) {
        throw invalid("a " + type + " header at " + (data - BLOCK) + " is larger than 1 MiB");
      }
      byte[] bytes = read(data, (int) size);
      if (type == 'x') {
        pax = parsePax(bytes, data - BLOCK);
      } else if (type == 'L') {
        longName = cString(bytes);
      } else {
        longLink = cString(bytes);
      }
    }

    private Map<String, String> parsePax(byte[] bytes, long at) {
      Map<String, String> records = new HashMap<>();
      String text = new String(bytes, StandardCharsets.UTF_8);
      int i = 0;
      while (i < text.length() && text.charAt(i) != 0) {
        int space = text.indexOf(' ', i);
        int length = space < 0 ? -1 : parseLength(text.substring(i, space));
        if (length <= 0 || i + length > text.length() || text.charAt(i + length - 1) != '\n') {
          throw invalid("malformed pax record in the header at offset " + at);
        }
        String record = text.substring(space + 1, i + length - 1);
        int equals = record.indexOf('=');
        if (equals > 0) {
          records.put(record.substring(0, equals), record.substring(equals + 1));
        }
        i += length;
      }
      return records;
    }

    private long paxSize() {
      try {
        return Long.parseLong(pax.get("size"));
      } catch (NumberFormatException e) {
        throw invalid("pax size is not a number");
      }
    }

    private static int parseLength(String digits) {
      try {
        return Integer.parseInt(digits);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    private String name(byte[] header) {
      String name = text(header, 0, 100);
      boolean ustar = text(header, 257, 5).equals("ustar");
      String prefix = ustar ? text(header, 345, 155) : "";
      return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private void checkSum(byte[] header, long position) {
      long expected = number(header, 148, 8, position);
      long sum = 0;
      for (int i = 0; i < BLOCK; i++) {
        sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
      }
      if (sum != expected) {
        throw invalid("the tar header at offset " + position + " has a wrong checksum");
      }
    }

    private long number(byte[] header, int offset, int length, long position) {
      if ((header[offset] & 0x80) != 0) {
        long value = header[offset] & 0x7f;
        for (int i = offset + 1; i < offset + length; i++) {
          value = (value << 8) | (header[i] & 0xff);
        }
        return value;
      }
      String octal = text(header, offset, length).trim();
      try {
        return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
      } catch (NumberFormatException e) {
        throw invalid("the tar header at offset " + position + " has a field that is not octal");
      }
    }

    private byte[] readBlock(long position) throws IOException {
      if (position + BLOCK > channel.size()) {
        return null;
      }
      return read(position, BLOCK);
    }

    private byte[] read(long position, int length) throws IOException {
      if (position + length > channel.size()) {
        throw invalid("the archive ends inside the entry at offset " + position);
      }
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) {
          throw invalid("the archive ends inside the entry at offset " + position);
        }
      }
      return buffer.array();
    }

    private InvalidImageSourceException invalid(String reason) {
      return new InvalidImageSourceException(source, reason);
    }

    private static boolean zero(byte[] block) {
      for (byte b : block) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }

    private static String text(byte[] header, int offset, int length) {
      int end = offset;
      while (end < offset + length && header[end] != 0) {
        end++;
      }
      return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] bytes) {
      return text(bytes, 0, bytes.length);
    }
  }

  /** The bytes of one file, from the archive's position to the file's end. */
  private static final class EntryStream extends InputStream {
    private final InputStream in;
    private long remaining;

    EntryStream(InputStream in, long size) {
      this.in = in;
      this.remaining = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * Returns whether a file starts with the gzip magic bytes.
   *
   * @param file the file
   * @return true for a gzip file
   * @throws IOException if it cannot be read
   */
  public static boolean gzipped(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }
}
