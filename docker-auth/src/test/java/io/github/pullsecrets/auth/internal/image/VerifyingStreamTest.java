package io.github.pullsecrets.auth.internal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pullsecrets.auth.BlobDigestMismatchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifyingStreamTest {

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static Descriptor describe(byte[] bytes) {
    return new Descriptor("application/octet-stream", Hashes.sha256(bytes), bytes.length);
  }

  @Test
  void passesMatchingBytesAndReportsProgressAboutOncePerMebibyte() throws IOException {
    byte[] bytes = random(3 * (1 << 20) + 5);
    List<Long> progress = new ArrayList<>();
    VerifyingStream stream =
        new VerifyingStream(new ByteArrayInputStream(bytes), describe(bytes), progress::add);

    byte[] read = stream.readAllBytes();

    assertThat(read).isEqualTo(bytes);
    assertThat(stream.verified()).isTrue();
    assertThat(stream.mismatch()).isEmpty();
    assertThat(progress).hasSizeBetween(3, 5).isSorted().endsWith((long) bytes.length);
  }

  @Test
  void failsOnTheLastByteWhenTheDigestDiffersNamingTheBlob() {
    byte[] bytes = random(10_000);
    Descriptor blob = describe(bytes);
    byte[] changed = bytes.clone();
    changed[5_000] ^= 1;
    VerifyingStream stream = new VerifyingStream(new ByteArrayInputStream(changed), blob, n -> {});

    assertThatThrownBy(stream::readAllBytes)
        .isInstanceOf(IOException.class)
        .hasCauseInstanceOf(BlobDigestMismatchException.class)
        .hasMessageContaining(blob.digest())
        .hasMessageContaining(Hashes.sha256(changed));
    assertThat(stream.mismatch())
        .get()
        .extracting(BlobDigestMismatchException::blob)
        .isEqualTo(blob.digest());
    assertThat(stream.verified()).isFalse();
  }

  @Test
  void failsWhenTheBytesEndBeforeTheDescriptorsSize() {
    byte[] bytes = random(1_000);
    byte[] short_ = Arrays.copyOf(bytes, 999);
    VerifyingStream stream =
        new VerifyingStream(new ByteArrayInputStream(short_), describe(bytes), n -> {});

    assertThatThrownBy(stream::readAllBytes)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the stream ended after 999 of 1000 bytes");
  }

  @Test
  void readsNoMoreThanTheDescriptorsSize() throws IOException {
    byte[] bytes = random(1_000);
    byte[] longer = Arrays.copyOf(bytes, 1_500);
    VerifyingStream stream =
        new VerifyingStream(new ByteArrayInputStream(longer), describe(bytes), n -> {});

    assertThat(stream.readAllBytes()).isEqualTo(bytes);
    assertThat(stream.verified()).isTrue();
  }
}
