package io.github.pullsecrets.k8s.internal.kube;

import io.github.pullsecrets.k8s.KubeConfigException;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext} of a cluster from kubeconfig settings: the trusted CA bundle (or
 * the JDK's trust store), an optional client certificate and key, {@code insecure-skip-tls-verify},
 * and {@code tls-server-name}, the name the server certificate is checked against instead of the
 * URL's host. (SNI still carries the URL's host: {@code java.net.http} sets it from the URI.)
 */
public final class ClusterTls {

  private ClusterTls() {}

  /** A client certificate chain and its private key. */
  public record ClientKey(List<X509Certificate> chain, PrivateKey key) {
    /** Returns the subject only. */
    @Override
    public String toString() {
      return "ClientKey{" + chain.get(0).getSubjectX500Principal().getName() + "}";
    }
  }

  /**
   * Builds the context.
   *
   * @param authorities the CA certificates to trust; empty to trust the JDK's defaults
   * @param client the client certificate and key, if any
   * @param insecure whether to skip every server certificate check
   * @param serverName the name to check the server certificate against, if not the URL's host
   * @return the context
   */
  public static SSLContext context(
      List<X509Certificate> authorities,
      Optional<ClientKey> client,
      boolean insecure,
      Optional<String> serverName) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(client), trustManagers(authorities, insecure, serverName), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new KubeConfigException("cannot set up TLS for the cluster", e);
    }
  }

  private static KeyManager[] keyManagers(Optional<ClientKey> client)
      throws GeneralSecurityException, IOException {
    if (client.isEmpty()) {
      return null;
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    X509Certificate[] chain = client.get().chain().toArray(new X509Certificate[0]);
    store.setKeyEntry("client", client.get().key(), new char[0], chain);
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, new char[0]);
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustManagers(
      List<X509Certificate> authorities, boolean insecure, Optional<String> serverName)
      throws GeneralSecurityException, IOException {
    if (insecure) {
      return new TrustManager[] {new TrustingEverything()};
    }
    X509TrustManager pkix = pkix(authorities);
    if (serverName.isPresent()) {
      return new TrustManager[] {new NamedServer(pkix, serverName.get())};
    }
    return new TrustManager[] {pkix};
  }

  private static X509TrustManager pkix(List<X509Certificate> authorities)
      throws GeneralSecurityException, IOException {
    KeyStore store = null;
    if (!authorities.isEmpty()) {
      store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < authorities.size(); i++) {
        store.setCertificateEntry("ca-" + i, authorities.get(i));
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager) {
        return (X509TrustManager) manager;
      }
    }
    throw new KubeConfigException("the JDK offers no X.509 trust manager");
  }

  /**
   * Returns whether a certificate names a host, by its DNS subject alternative names; a {@code *}
   * stands for exactly the left-most label.
   *
   * @param certificate the server certificate
   * @param host the expected name
   * @return whether one DNS name matches
   */
  static boolean names(X509Certificate certificate, String host) {
    String expected = host.toLowerCase(Locale.ROOT);
    try {
      var names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return false;
      }
      return names.stream()
          .filter(name -> ((Integer) name.get(0)) == 2 || ((Integer) name.get(0)) == 7)
          .map(name -> String.valueOf(name.get(1)).toLowerCase(Locale.ROOT))
          .anyMatch(name -> matches(name, expected));
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  private static boolean matches(String pattern, String host) {
    if (!pattern.startsWith("*.")) {
      return pattern.equals(host);
    }
    int dot = host.indexOf('.');
    return dot > 0 && host.substring(dot).equals(pattern.substring(1));
  }

  /** Checks the chain with PKIX, then the certificate's names against a fixed server name. */
  private static final class NamedServer extends ServerTrustManager {
    private final X509TrustManager pkix;
    private final String serverName;

    NamedServer(X509TrustManager pkix, String serverName) {
      this.pkix = pkix;
      this.serverName = serverName;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      pkix.checkServerTrusted(chain, authType);
      if (!names(chain[0], serverName)) {
        throw new CertificateException("server certificate does not name " + serverName);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return pkix.getAcceptedIssuers();
    }
  }

  /** Accepts any server certificate and host name: {@code insecure-skip-tls-verify}. */
  private static final class TrustingEverything extends ServerTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** A trust manager for a client: it never has to judge a client certificate. */
  private abstract static class ServerTrustManager extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("not a server");
    }
  }
}
