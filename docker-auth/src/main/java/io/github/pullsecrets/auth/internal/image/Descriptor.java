package io.github.pullsecrets.auth.internal.image;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a manifest says about a blob or another manifest: media type, digest and size.
 *
 * @param mediaType the media type
 * @param digest the digest, {@code algorithm:hex}
 * @param size the exact size in bytes
 */
public record Descriptor(String mediaType, String digest, long size) {

  private static final Pattern DIGEST =
      Pattern.compile("sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}");

  /** Validates the components. */
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }

  /**
   * Returns whether a digest is one this SDK can check: sha256, sha384 or sha512 in lower hex.
   *
   * @param digest the digest
   * @return true when valid
   */
  public static boolean validDigest(String digest) {
    return DIGEST.matcher(digest).matches();
  }

  /** Returns the algorithm part of the digest, such as {@code sha256}. */
  public String algorithm() {
    return digest.substring(0, digest.indexOf(':'));
  }

  /** Returns the hex part of the digest. */
  public String hex() {
    return digest.substring(digest.indexOf(':') + 1);
  }
}
