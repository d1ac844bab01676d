package io.github.pullsecrets.auth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway CA, a serving certificate it signed for {@code 127.0.0.1} and {@code localhost}, and
 * a self-signed token-signing certificate, all made by {@code openssl} in a directory. Keys reach
 * Java through PKCS#12 files, read by {@link KeyStore}.
 */
public final class TestPki {

  private static final char[] PASSWORD = "changeit".toCharArray();

  private final Path directory;

  private TestPki(Path directory) {
    this.directory = directory;
  }

  /** Makes the CA, the serving certificate and the token signer in a new directory. */
  public static TestPki create(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestPki pki = new TestPki(directory);
    pki.makeCa();
    pki.makeServer();
    pki.makeTokenSigner();
    return pki;
  }

  private void makeCa() {
    Programs.runOrFail(
        directory,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=pullsecrets test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=keyCertSign");
  }

  private void makeServer() {
    Programs.runOrFail(
        directory,
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1");
    writeText(
        "server.ext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n" + "extendedKeyUsage=serverAuth\n");
    Programs.runOrFail(
        directory,
        "openssl",
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "server.ext");
    Programs.runOrFail(
        directory,
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        "server.pem",
        "-inkey",
        "server.key",
        "-out",
        "server.p12",
        "-passout",
        "pass:changeit",
        "-name",
        "server");
  }

  private void makeTokenSigner() {
    Programs.runOrFail(
        directory,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "token.key",
        "-out",
        "token.pem",
        "-days",
        "2",
        "-subj",
        "/CN=test-issuer");
    Programs.runOrFail(
        directory,
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        "token.pem",
        "-inkey",
        "token.key",
        "-out",
        "token.p12",
        "-passout",
        "pass:changeit",
        "-name",
        "token");
  }

  /** Returns the CA certificate in PEM. */
  public String caPem() {
    return readText("ca.pem");
  }

  /** Returns a directory with the CA as {@code ca.crt}, as skopeo's {@code --cert-dir} wants. */
  public Path certDir() {
    Path certs = directory.resolve("certs.d");
    try {
      Files.createDirectories(certs);
      Files.copy(
          directory.resolve("ca.pem"),
          certs.resolve("ca.crt"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return certs;
  }

  /** Returns a file in the PKI directory (server.pem, server.key, token.pem, ...). */
  public Path file(String name) {
    return directory.resolve(name);
  }

  /** Returns a TLS context that serves the certificate signed by the CA. */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore("server.p12"), PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the token-signing key. */
  public PrivateKey tokenKey() {
    try {
      return (PrivateKey) keyStore("token.p12").getKey("token", PASSWORD);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the token-signing certificate. */
  public X509Certificate tokenCertificate() {
    try {
      return (X509Certificate) keyStore("token.p12").getCertificate("token");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyStore keyStore(String name) {
    try (InputStream in = Files.newInputStream(directory.resolve(name))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not load " + name, e);
    }
  }

  private void writeText(String name, String text) {
    try {
      Files.writeString(directory.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String readText(String name) {
    try {
      return Files.readString(directory.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
