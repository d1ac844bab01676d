package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.k8s.internal.kube.InClusterLoader;
import io.github.pullsecrets.k8s.internal.kube.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEM keys in every format kubeconfig files hold, and TLS to API servers with certificates made by
 * {@code openssl} for this test: a private CA, {@code tls-server-name}, {@code
 * insecure-skip-tls-verify}, client certificates, and in-cluster settings.
 */
class ClusterTlsTest {

  private static final String SECRET = "/api/v1/namespaces/shop/secrets/regcred";
  private static final String PASSWORD = "changeit";

  @TempDir static Path pki;

  private static WireMockServer localhost;
  private static WireMockServer internalName;
  private static WireMockServer mutual;

  @BeforeAll
  static void issueCertificatesAndStartServers() throws Exception {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-subj",
        "/CN=pullsecrets-test-ca",
        "-days",
        "2");
    server("localhost", "DNS:localhost,IP:127.0.0.1");
    server("internal", "DNS:kube.internal");
    client("client-rsa", "rsa");
    openssl("rsa", "-in", "client-rsa.key", "-traditional", "-out", "client-rsa-pkcs1.key");
    client("client-ec", "ec");
    openssl("ecparam", "-name", "secp384r1", "-genkey", "-out", "ec-with-params.key");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        "ca.crt",
        "-keystore",
        "trust.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    localhost = start("localhost.p12", false);
    internalName = start("internal.p12", false);
    mutual = start("localhost.p12", true);
  }

  @BeforeEach
  void forgetRequests() {
    List.of(localhost, internalName, mutual).forEach(WireMockServer::resetRequests);
  }

  @AfterAll
  static void stopServers() {
    List.of(localhost, internalName, mutual).forEach(WireMockServer::stop);
  }

  @Test
  void readsRsaKeysInPkcs8AndPkcs1AndEcKeysInSec1() throws Exception {
    X509Certificate rsa = Pem.certificates(read("client-rsa.crt"), "rsa").get(0);
    X509Certificate ec = Pem.certificates(read("client-ec.crt"), "ec").get(0);

    PrivateKey pkcs8 = Pem.privateKey(read("client-rsa.key"), "pkcs8");
    PrivateKey pkcs1 = Pem.privateKey(read("client-rsa-pkcs1.key"), "pkcs1");
    PrivateKey sec1 = Pem.privateKey(read("client-ec.key"), "sec1");
    PrivateKey withParams = Pem.privateKey(read("ec-with-params.key"), "params");

    assertThat(new String(read("client-rsa.key"), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(new String(read("client-rsa-pkcs1.key"), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(new String(read("client-ec.key"), StandardCharsets.US_ASCII))
        .contains("-----BEGIN EC PRIVATE KEY-----");
    assertThat(signs(pkcs8, rsa, "SHA256withRSA")).isTrue();
    assertThat(signs(pkcs1, rsa, "SHA256withRSA")).isTrue();
    assertThat(signs(sec1, ec, "SHA256withECDSA")).isTrue();
    assertThat(withParams.getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void badPemIsRejectedWithoutShowingIt() {
    byte[] garbage =
        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"
            .getBytes(StandardCharsets.US_ASCII);

    KubeConfigException e =
        catchThrowableOfType(
            KubeConfigException.class, () -> Pem.privateKey(garbage, "client-key-data"));

    assertThat(e).hasMessage("unreadable RSA private key in client-key-data");
  }

  @Test
  void trustsTheClusterCaFromCertificateAuthorityData() throws IOException {
    Path config =
        kubeconfig(localhost, "certificate-authority-data: " + base64("ca.crt"), "token: t");

    assertThat(getSecret(KubeConfig.fromFiles(List.of(config)))).isEqualTo("regcred");
  }

  @Test
  void rejectsAServerTheJdkDoesNotTrust() throws IOException {
    Path config = kubeconfig(localhost, "server-only: true", "token: t");

    KubeApiException e =
        catchThrowableOfType(
            KubeApiException.class, () -> getSecret(KubeConfig.fromFiles(List.of(config))));

    assertThat(e.code()).isZero();
    assertThat(e.getMessage()).startsWith("GET " + SECRET + ": no response").contains("SSL");
  }

  @Test
  void checksTheCertificateAgainstTlsServerName() throws IOException {
    Path file = pki.resolve("ca.crt");
    Path wrong = kubeconfig(internalName, "certificate-authority: " + file, "token: t");
    Path named =
        kubeconfig(
            internalName,
            "certificate-authority: " + file + "\n    tls-server-name: kube.internal",
            "token: t");

    KubeApiException e =
        catchThrowableOfType(
            KubeApiException.class, () -> getSecret(KubeConfig.fromFiles(List.of(wrong))));

    assertThat(e.code()).isZero();
    assertThat(getSecret(KubeConfig.fromFiles(List.of(named)))).isEqualTo("regcred");
  }

  @Test
  void insecureSkipTlsVerifyAcceptsAnyCertificate() throws IOException {
    Path config = kubeconfig(internalName, "insecure-skip-tls-verify: true", "token: t");

    assertThat(getSecret(KubeConfig.fromFiles(List.of(config)))).isEqualTo("regcred");
  }

  @Test
  void presentsAClientCertificateWithAnRsaPkcs1OrEcKey() throws IOException {
    Path rsa =
        kubeconfig(
            mutual,
            "certificate-authority: " + pki.resolve("ca.crt"),
            "client-certificate: client-rsa.crt\n    client-key-data: "
                + base64("client-rsa-pkcs1.key"));
    Path ec =
        kubeconfig(
            mutual,
            "certificate-authority-data: " + base64("ca.crt"),
            "client-certificate-data: "
                + base64("client-ec.crt")
                + "\n    client-key: "
                + pki.resolve("client-ec.key"));
    Path none = kubeconfig(mutual, "certificate-authority-data: " + base64("ca.crt"), "token: t");

    assertThat(getSecret(KubeConfig.fromFiles(List.of(rsa)))).isEqualTo("regcred");
    assertThat(getSecret(KubeConfig.fromFiles(List.of(ec)))).isEqualTo("regcred");
    assertThat(
            catchThrowableOfType(
                    KubeApiException.class, () -> getSecret(KubeConfig.fromFiles(List.of(none))))
                .code())
        .isZero();
    mutual.verify(2, getRequestedFor(urlPathEqualTo(SECRET)).withoutHeader("Authorization"));
  }

  @Test
  void presentsAClientCertificateWithAnRsaPkcs8Key() throws IOException {
    Path pkcs8 =
        kubeconfig(
            mutual,
            "certificate-authority-data: " + base64("ca.crt"),
            "client-certificate-data: "
                + base64("client-rsa.crt")
                + "\n    client-key-data: "
                + base64("client-rsa.key"));

    String secret = getSecret(KubeConfig.fromFiles(List.of(pkcs8)));

    assertThat(new String(read("client-rsa.key"), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(secret).isEqualTo("regcred");
    mutual.verify(1, getRequestedFor(urlPathEqualTo(SECRET)).withoutHeader("Authorization"));
  }

  @Test
  void inClusterUsesTheServiceAccountFiles() throws IOException {
    Path account = Files.createDirectories(pki.resolve("serviceaccount"));
    Files.copy(pki.resolve("ca.crt"), account.resolve("ca.crt"));
    Files.writeString(account.resolve("token"), "sa-token-1\n");
    Files.writeString(account.resolve("namespace"), "shop");
    Map<String, String> environment =
        Map.of(
            "KUBERNETES_SERVICE_HOST",
            "127.0.0.1",
            "KUBERNETES_SERVICE_PORT",
            Integer.toString(localhost.httpsPort()));

    KubeConfig config =
        KubeConfig.of(InClusterLoader.load(environment, account, Clock.systemUTC()));

    assertThat(config.namespace()).isEqualTo("shop");
    assertThat(config.context()).isEmpty();
    assertThat(getSecret(config)).isEqualTo("regcred");
    localhost.verify(
        getRequestedFor(urlPathEqualTo(SECRET))
            .withHeader("Authorization", equalTo("Bearer sa-token-1")));
    assertThat(
            catchThrowableOfType(
                KubeConfigException.class,
                () -> InClusterLoader.load(Map.of(), account, Clock.systemUTC())))
        .hasMessage("not in a cluster: KUBERNETES_SERVICE_HOST is not set");
  }

  private static String getSecret(KubeConfig config) {
    try (KubeClient kube = KubeClient.builder(config).retryPolicy(RetryPolicy.disabled()).build()) {
      return kube.resources(ResourceKind.SECRET).get("shop", "regcred").name();
    }
  }

  private static Path kubeconfig(WireMockServer server, String cluster, String user)
      throws IOException {
    String text =
        "apiVersion: v1\nkind: Config\ncurrent-context: tls\n"
            + "clusters:\n- name: c\n  cluster:\n    server: https://localhost:"
            + server.httpsPort()
            + "\n    "
            + cluster
            + "\n"
            + "users:\n- name: u\n  user:\n    "
            + user
            + "\n"
            + "contexts:\n- name: tls\n  context:\n    cluster: c\n    user: u\n";
    return Files.writeString(Files.createTempFile(pki, "kubeconfig", ".yaml"), text);
  }

  private static WireMockServer start(String keystore, boolean needClientAuth) {
    var options =
        wireMockConfig()
            .dynamicPort()
            .dynamicHttpsPort()
            .keystorePath(pki.resolve(keystore).toString())
            .keystoreType("PKCS12")
            .keystorePassword(PASSWORD)
            .keyManagerPassword(PASSWORD);
    if (needClientAuth) {
      options
          .needClientAuth(true)
          .trustStorePath(pki.resolve("trust.p12").toString())
          .trustStoreType("PKCS12")
          .trustStorePassword(PASSWORD);
    }
    WireMockServer server = new WireMockServer(options);
    server.start();
    Transcript.Exchange get = Transcript.load("10-secret-get-200.txt").exchange(1);
    server.stubFor(WireMock.get(urlPathEqualTo(SECRET)).willReturn(Transcript.response(get)));
    return server;
  }

  private static void server(String name, String names) throws Exception {
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        "/CN=" + name);
    Files.writeString(pki.resolve(name + ".ext"), "subjectAltName=" + names + "\n");
    sign(name, "-extfile", name + ".ext");
    openssl(
        "pkcs12",
        "-export",
        "-in",
        name + ".crt",
        "-inkey",
        name + ".key",
        "-certfile",
        "ca.crt",
        "-out",
        name + ".p12",
        "-passout",
        "pass:" + PASSWORD);
  }

  private static void client(String name, String algorithm) throws Exception {
    if (algorithm.equals("ec")) {
      openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + ".key");
      openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
    } else {
      openssl(
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          name + ".key",
          "-out",
          name + ".csr",
          "-subj",
          "/CN=" + name);
    }
    sign(name);
  }

  private static void sign(String name, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                name + ".crt",
                "-days",
                "2"));
    args.addAll(List.of(extra));
    openssl(args.toArray(new String[0]));
  }

  private static void openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    run(command);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("keytool"));
    command.addAll(List.of(args));
    run(command);
  }

  private static void run(List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
  }

  private static boolean signs(PrivateKey key, X509Certificate certificate, String algorithm)
      throws GeneralSecurityException {
    byte[] message = "pullsecrets".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(message);
    return verifier.verify(signature);
  }

  private static byte[] read(String name) throws IOException {
    return Files.readAllBytes(pki.resolve(name));
  }

  private static String base64(String name) throws IOException {
    return Base64.getEncoder().encodeToString(read(name));
  }
}
