package io.github.pullsecrets.k8s.internal.kube;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The few DER pieces needed to wrap PKCS#1 RSA and SEC1 EC private keys into PKCS#8: writing a
 * tag-length-value, and reading the elements of a SEQUENCE. Not a general ASN.1 codec.
 */
final class Der {

  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;
  static final int CONTEXT_0 = 0xA0;

  /** rsaEncryption, 1.2.840.113549.1.1.1. */
  static final byte[] RSA_ENCRYPTION = {
    0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01
  };

  /** id-ecPublicKey, 1.2.840.10045.2.1. */
  static final byte[] EC_PUBLIC_KEY = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

  private Der() {}

  /** One element read from DER: its tag and its content bytes. */
  record Element(int tag, byte[] content) {}

  static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    out.writeBytes(length(content.size()));
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... parts) {
    return tlv(SEQUENCE, parts);
  }

  /**
   * Reads the elements directly inside a SEQUENCE.
   *
   * @param der the encoded SEQUENCE
   * @return its elements in order
   * @throws IllegalArgumentException if the bytes are not a well-formed SEQUENCE
   */
  static java.util.List<Element> elements(byte[] der) {
    Element outer = read(der, 0);
    require(outer.tag() == SEQUENCE, "not a DER SEQUENCE");
    java.util.List<Element> elements = new java.util.ArrayList<>();
    byte[] content = outer.content();
    int offset = 0;
    while (offset < content.length) {
      Element element = read(content, offset);
      elements.add(element);
      offset += encodedLength(content, offset);
    }
    return elements;
  }

  private static Element read(byte[] der, int offset) {
    require(der.length - offset >= 2, "truncated DER");
    int header = headerLength(der, offset);
    int length = contentLength(der, offset);
    require(offset + header + length <= der.length, "truncated DER");
    byte[] content = Arrays.copyOfRange(der, offset + header, offset + header + length);
    return new Element(der[offset] & 0xFF, content);
  }

  private static int encodedLength(byte[] der, int offset) {
    return headerLength(der, offset) + contentLength(der, offset);
  }

  private static int headerLength(byte[] der, int offset) {
    int first = der[offset + 1] & 0xFF;
    return first < 0x80 ? 2 : 2 + (first & 0x7F);
  }

  private static int contentLength(byte[] der, int offset) {
    int first = der[offset + 1] & 0xFF;
    if (first < 0x80) {
      return first;
    }
    int count = first & 0x7F;
    require(count >= 1 && count <= 3 && offset + 2 + count <= der.length, "bad DER length");
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[offset + 2 + i] & 0xFF);
    }
    return length;
  }

  private static byte[] length(int length) {
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    if (length < 0x100) {
      return new byte[] {(byte) 0x81, (byte) length};
    }
    if (length < 0x10000) {
      return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
    }
    return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
