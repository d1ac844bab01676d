package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {

  static Stream<JsonNode> validVectors() {
    return Vectors.load("reference-vectors.json").stream().filter(v -> !v.has("error"));
  }

  static Stream<JsonNode> invalidVectors() {
    return Vectors.load("reference-vectors.json").stream().filter(v -> v.has("error"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void normalisesLikeDistributionReference(JsonNode vector) {
    ImageReference reference = ImageReference.parse(vector.get("input").asText());

    assertThat(reference.name()).isEqualTo(Vectors.text(vector, "name"));
    assertThat(reference.registry()).isEqualTo(Vectors.text(vector, "domain"));
    assertThat(reference.repository()).isEqualTo(Vectors.text(vector, "path"));
    assertThat(reference.tag().orElse("")).isEqualTo(Vectors.text(vector, "tag"));
    assertThat(reference.digest().orElse("")).isEqualTo(Vectors.text(vector, "digest"));
    assertThat(reference.toString()).isEqualTo(Vectors.text(vector, "string"));
    assertThat(reference.familiar()).isEqualTo(Vectors.text(vector, "familiar"));
    assertThat(reference.withDefaultTag().toString())
        .isEqualTo(Vectors.text(vector, "withDefaultTag"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidVectors")
  void rejectsWithTheLibrarysReason(JsonNode vector) {
    String input = vector.get("input").asText();

    assertThatThrownBy(() -> ImageReference.parse(input))
        .isInstanceOfSatisfying(
            InvalidImageReferenceException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(vector.get("error").asText());
              assertThat(e.reference()).isEqualTo(input);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void strictParsingRequiresTheCanonicalForm(JsonNode vector) {
    String input = vector.get("input").asText();

    if (vector.has("strictParseNamedError")) {
      assertThatThrownBy(() -> ImageReference.parseCanonical(input))
          .isInstanceOfSatisfying(
              InvalidImageReferenceException.class,
              e -> assertThat(e.reason()).isEqualTo(vector.get("strictParseNamedError").asText()));
    } else {
      assertThat(ImageReference.parseCanonical(input).toString()).isEqualTo(input);
    }
  }

  @Test
  void rejectsA64HexName() {
    String hex = "4c2d1b4c0b26ba3b0b2b5a5c8a4b1c6f4b2f9f1d8b7a6c5e4d3c2b1a0f9e8d7c";

    assertThatThrownBy(() -> ImageReference.parse(hex))
        .hasMessageContaining("cannot specify 64-byte hexadecimal strings");
  }

  @Test
  void rejectsADigestOfTheWrongLengthOrCase() {
    assertThatThrownBy(() -> ImageReference.parse("r.io/app@sha256:" + "a".repeat(63)))
        .hasMessageEndingWith("invalid checksum digest length");
    assertThatThrownBy(() -> ImageReference.parse("r.io/app@sha256:" + "A".repeat(64)))
        .hasMessageEndingWith("invalid checksum digest format");
  }

  @Test
  void keepsBothTagAndDigest() {
    String digest = "sha256:" + "ab".repeat(32);

    ImageReference reference = ImageReference.parse("r.example.com:5000/team/app:1.0@" + digest);

    assertThat(reference.registry()).isEqualTo("r.example.com:5000");
    assertThat(reference.tag()).contains("1.0");
    assertThat(reference.digest()).contains(digest);
  }

  @Test
  void namesTheApiHostOfDockerHub() {
    assertThat(ImageReference.parse("nginx").apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ImageReference.parse("[::1]:5000/app").apiHost()).isEqualTo("[::1]:5000");
  }

  @Test
  void rejectsHostileLongInputQuickly() {
    String hostile = "a-".repeat(600) + "!";

    assertThatThrownBy(() -> ImageReference.parse(hostile))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessageEndingWith("longer than 1024 characters");
    assertThatThrownBy(() -> ImageReference.parse("a.".repeat(400) + "/" + "b-".repeat(100) + "!"))
        .isInstanceOf(InvalidImageReferenceException.class);
  }

  @Test
  void comparesByNormalisedForm() {
    assertThat(ImageReference.parse("nginx:1.25"))
        .isEqualTo(ImageReference.parse("docker.io/library/nginx:1.25"))
        .hasSameHashCodeAs(ImageReference.parse("index.docker.io/library/nginx:1.25"));
  }
}
