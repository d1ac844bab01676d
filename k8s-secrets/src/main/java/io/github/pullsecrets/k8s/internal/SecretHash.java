package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.internal.GoJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;

/**
 * The name suffix of kubectl's {@code --append-hash} (kubectl {@code pkg/util/hash}, shared with
 * kustomize's generators): SHA-256 over Go's compact JSON of the Secret's data, kind, name and
 * type, in hex, cut to ten characters, with the characters that could spell words swapped.
 */
public final class SecretHash {

  private static final int LENGTH = 10;

  private SecretHash() {}

  /**
   * Returns the ten-character suffix kubectl appends to the name after a {@code -}.
   *
   * @param name the Secret name before the suffix
   * @param type the Secret type
   * @param data the data keys and their base64 values
   * @return the suffix
   */
  public static String suffix(String name, String type, SortedMap<String, String> data) {
    ObjectNode encoded = JsonNodeFactory.instance.objectNode();
    ObjectNode values = encoded.putObject("data");
    data.forEach(values::put);
    encoded.put("kind", "Secret").put("name", name).put("type", type);

    String hex = HexFormat.of().formatHex(sha256(GoJson.compact(encoded)));

    return readable(hex.substring(0, LENGTH));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Swaps 0, 1, 3, a and e for g, h, k, m and t, as kubectl does to avoid spelling words. */
  private static String readable(String hex) {
    StringBuilder out = new StringBuilder(hex.length());
    for (char c : hex.toCharArray()) {
      out.append(
          switch (c) {
            case '0' -> 'g';
            case '1' -> 'h';
            case '3' -> 'k';
            case 'a' -> 'm';
            case 'e' -> 't';
            default -> c;
          });
    }
    return out.toString();
  }
}
