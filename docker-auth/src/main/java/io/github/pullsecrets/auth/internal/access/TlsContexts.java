package io.github.pullsecrets.auth.internal.access;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds an {@link SSLContext} that trusts exactly the certificates of a CA bundle. */
public final class TlsContexts {

  private TlsContexts() {}

  /**
   * Returns a TLS context whose only trust anchors are the certificates of a bundle.
   *
   * @param bundle one or more PEM (or DER) X.509 certificates
   * @return the context
   * @throws IllegalArgumentException if the bundle holds no readable certificate
   */
  public static SSLContext trusting(String bundle) {
    Collection<? extends Certificate> certificates = read(bundle);
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        anchors.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(anchors);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("could not set up TLS with the CA bundle: " + e, e);
    }
  }

  private static Collection<? extends Certificate> read(String bundle) {
    byte[] bytes = bundle.getBytes(StandardCharsets.US_ASCII);
    try {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes));
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("caBundle holds no certificate");
      }
      return certificates;
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalArgumentException("caBundle is not a PEM certificate bundle", e);
    }
  }
}
