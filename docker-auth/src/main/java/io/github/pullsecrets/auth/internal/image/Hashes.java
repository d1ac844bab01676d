package io.github.pullsecrets.auth.internal.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Digests of bytes, as {@code algorithm:hex}. */
public final class Hashes {

  private static final Map<String, String> JDK_NAMES =
      Map.of("sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

  private Hashes() {}

  /**
   * Returns a new message digest for an OCI digest algorithm.
   *
   * @param algorithm {@code sha256}, {@code sha384} or {@code sha512}
   * @return the digest
   */
  public static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(JDK_NAMES.getOrDefault(algorithm, algorithm));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unsupported digest algorithm " + algorithm, e);
    }
  }

  /**
   * Returns the finished digest in OCI form.
   *
   * @param algorithm the algorithm name
   * @param digest the message digest to finish
   * @return {@code algorithm:hex}
   */
  public static String finish(String algorithm, MessageDigest digest) {
    return algorithm + ":" + HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Returns the sha256 digest of bytes.
   *
   * @param bytes the bytes
   * @return {@code sha256:hex}
   */
  public static String sha256(byte[] bytes) {
    MessageDigest digest = newDigest("sha256");
    digest.update(bytes);
    return finish("sha256", digest);
  }
}
