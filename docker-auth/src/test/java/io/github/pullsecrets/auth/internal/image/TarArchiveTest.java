package io.github.pullsecrets.auth.internal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pullsecrets.auth.InvalidImageSourceException;
import io.github.pullsecrets.auth.testing.TarWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarArchiveTest {

  @TempDir Path directory;

  private Path write(byte[] tar) throws IOException {
    return Files.write(directory.resolve("test.tar"), tar);
  }

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static String read(TarArchive archive, String name) throws IOException {
    try (InputStream in = archive.open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsEachFileInPlaceWhateverItsPosition() throws IOException {
    byte[] big = new byte[1500];
    Arrays.fill(big, (byte) 'x');
    Path file =
        write(
            new TarWriter()
                .directory("a")
                .file("a/one.txt", text("first"))
                .file("big.bin", big)
                .file("./b/two.txt", text("second"))
                .finish());

    TarArchive archive = TarArchive.index(file, "test.tar", () -> {});

    assertThat(read(archive, "a/one.txt")).isEqualTo("first");
    assertThat(read(archive, "b/two.txt")).isEqualTo("second");
    assertThat(read(archive, "big.bin")).hasSize(1500);
    assertThat(archive.exists("a")).isFalse();
    assertThatThrownBy(() -> archive.open("missing")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void followsSymbolicLinksRelativeToTheirFolderAsDockerSaveWritesThem() throws IOException {
    Path file =
        write(
            new TarWriter()
                .file("layer1/layer.tar", text("layer bytes"))
                .symlink("layer2/layer.tar", "../layer1/layer.tar")
                .finish());

    TarArchive archive = TarArchive.index(file, "test.tar", () -> {});

    assertThat(read(archive, "layer2/layer.tar")).isEqualTo("layer bytes");
  }

  @Test
  void takesLongNamesFromPaxRecords() throws IOException {
    String name = "blobs/sha256/" + "a".repeat(64) + "/and/a/long/tail/to/pass/one/hundred/bytes";
    Path file = write(new TarWriter().file(name, text("long")).finish());

    TarArchive archive = TarArchive.index(file, "test.tar", () -> {});

    assertThat(read(archive, name)).isEqualTo("long");
  }

  @Test
  void rejectsAHeaderWithAWrongChecksumNamingItsOffset() throws IOException {
    byte[] tar = new TarWriter().file("a.txt", text("a")).file("b.txt", text("b")).finish();
    tar[512 + 512 + 10] ^= 1;

    assertThatThrownBy(() -> TarArchive.index(write(tar), "test.tar", () -> {}))
        .isInstanceOf(InvalidImageSourceException.class)
        .hasMessage("test.tar: the tar header at offset 1024 has a wrong checksum");
  }

  @Test
  void rejectsAnArchiveThatEndsInsideAFile() throws IOException {
    byte[] tar = new TarWriter().file("a.bin", new byte[2000]).finish();

    Path cut = write(Arrays.copyOf(tar, 1024));

    assertThatThrownBy(() -> TarArchive.index(cut, "test.tar", () -> {}))
        .isInstanceOf(InvalidImageSourceException.class)
        .hasMessageContaining("ends inside the entry at offset 0");
  }

  @Test
  void closeRunsTheCleanup() throws IOException {
    boolean[] cleaned = {false};
    TarArchive archive =
        TarArchive.index(write(new TarWriter().finish()), "test.tar", () -> cleaned[0] = true);

    archive.close();

    assertThat(cleaned[0]).isTrue();
  }
}
