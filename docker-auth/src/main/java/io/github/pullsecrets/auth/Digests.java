package io.github.pullsecrets.auth;

import java.util.Map;
import java.util.regex.Pattern;

/** Validates digests as the go-digest library does: known algorithm, exact length, lower hex. */
final class Digests {

  private static final Map<String, Integer> HEX_LENGTHS =
      Map.of("sha256", 64, "sha384", 96, "sha512", 128);
  private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");

  private Digests() {}

  static void validate(String reference, String digest) {
    int colon = digest.indexOf(':');
    String algorithm = digest.substring(0, colon);
    String encoded = digest.substring(colon + 1);
    Integer length = HEX_LENGTHS.get(algorithm);
    if (length == null) {
      throw new InvalidImageReferenceException(reference, "unsupported digest algorithm");
    }
    if (encoded.length() != length) {
      throw new InvalidImageReferenceException(reference, "invalid checksum digest length");
    }
    if (!LOWER_HEX.matcher(encoded).matches()) {
      throw new InvalidImageReferenceException(reference, "invalid checksum digest format");
    }
  }
}
