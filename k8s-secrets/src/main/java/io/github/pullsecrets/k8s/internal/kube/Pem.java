package io.github.pullsecrets.k8s.internal.kube;

import io.github.pullsecrets.k8s.KubeConfigException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys with the JDK: X.509 through {@link CertificateFactory};
 * keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC
 * PRIVATE KEY}), the latter two wrapped into PKCS#8 first. Error messages name the source, never
 * the key material. Encrypted keys are refused.
 */
public final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

  private Pem() {}

  /**
   * Reads every certificate of a PEM bundle.
   *
   * @param pem the PEM text
   * @param source where it came from, for error messages
   * @return the certificates in order, at least one
   * @throws KubeConfigException if there is no certificate or one does not parse
   */
  public static List<X509Certificate> certificates(byte[] pem, String source) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Block block : blocks(pem)) {
      if (block.type().equals("CERTIFICATE")) {
        certificates.add(certificate(block.der(), source));
      }
    }
    if (certificates.isEmpty()) {
      throw new KubeConfigException("no PEM CERTIFICATE found in " + source);
    }
    return List.copyOf(certificates);
  }

  /**
   * Reads the first private key of a PEM document.
   *
   * @param pem the PEM text
   * @param source where it came from, for error messages
   * @return the key
   * @throws KubeConfigException if there is no supported key or it does not parse
   */
  public static PrivateKey privateKey(byte[] pem, String source) {
    for (Block block : blocks(pem)) {
      switch (block.type()) {
        case "PRIVATE KEY":
          return pkcs8(block.der(), source);
        case "RSA PRIVATE KEY":
          return pkcs8(wrapRsa(block.der()), source);
        case "EC PRIVATE KEY":
          return pkcs8(wrapEc(block.der(), source), source);
        case "ENCRYPTED PRIVATE KEY":
          throw new KubeConfigException("encrypted private keys are not supported: " + source);
        default:
          break;
      }
    }
    throw new KubeConfigException("no PEM private key found in " + source);
  }

  private static X509Certificate certificate(byte[] der, String source) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new KubeConfigException("unreadable certificate in " + source, e);
    }
  }

  private static PrivateKey pkcs8(byte[] der, String source) {
    String algorithm = algorithmOf(der, source);
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new KubeConfigException("unreadable " + algorithm + " private key in " + source);
    }
  }

  private static String algorithmOf(byte[] der, String source) {
    try {
      byte[] identifier = Der.elements(der).get(1).content();
      byte[] algorithm = Der.elements(Der.sequence(identifier)).get(0).content();
      if (Arrays.equals(algorithm, Der.RSA_ENCRYPTION)) {
        return "RSA";
      }
      if (Arrays.equals(algorithm, Der.EC_PUBLIC_KEY)) {
        return "EC";
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new KubeConfigException("malformed PKCS#8 private key in " + source);
    }
    throw new KubeConfigException("unsupported private key algorithm in " + source);
  }

  private static byte[] wrapRsa(byte[] pkcs1) {
    byte[] algorithm = Der.sequence(Der.tlv(Der.OID, Der.RSA_ENCRYPTION), Der.tlv(Der.NULL));
    return Der.sequence(version0(), algorithm, Der.tlv(Der.OCTET_STRING, pkcs1));
  }

  private static byte[] wrapEc(byte[] sec1, String source) {
    byte[] curve = curveOf(sec1, source);
    byte[] algorithm = Der.sequence(Der.tlv(Der.OID, Der.EC_PUBLIC_KEY), Der.tlv(Der.OID, curve));
    return Der.sequence(version0(), algorithm, Der.tlv(Der.OCTET_STRING, sec1));
  }

  private static byte[] curveOf(byte[] sec1, String source) {
    try {
      for (Der.Element element : Der.elements(sec1)) {
        if (element.tag() == Der.CONTEXT_0) {
          return Der.elements(Der.sequence(element.content())).get(0).content();
        }
      }
    } catch (IllegalArgumentException e) {
      throw new KubeConfigException("malformed EC private key in " + source);
    }
    throw new KubeConfigException("EC private key without a named curve in " + source);
  }

  private static byte[] version0() {
    return Der.tlv(Der.INTEGER, new byte[] {0});
  }

  private static List<Block> blocks(byte[] pem) {
    Matcher matcher = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
    List<Block> blocks = new ArrayList<>();
    while (matcher.find()) {
      blocks.add(new Block(matcher.group(1), matcher.group(2)));
    }
    return blocks;
  }

  /** One PEM block: its label and base64 body. */
  private record Block(String type, String body) {
    byte[] der() {
      try {
        return Base64.getMimeDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new KubeConfigException("PEM " + type + " block is not valid base64");
      }
    }

    @Override
    public String toString() {
      return "Block{" + type + "}";
    }
  }
}
