package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.pullsecrets.auth.testing.RegistryExtension;
import io.github.pullsecrets.auth.testing.TestRegistries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Against the real registries: a caller's own {@link SSLContext}, a token realm on plain HTTP, an
 * expired token, and the upload session {@code canPush} opens and must cancel.
 */
class RegistryTrustAndSessionTest {

  @RegisterExtension static final RegistryExtension REGISTRIES = new RegistryExtension();

  private static TestRegistries registries() {
    return REGISTRIES.get();
  }

  private static RegistryAccess access() {
    return RegistryAccess.builder()
        .caBundle(registries().caPem())
        .retryPolicy(RetryPolicy.disabled())
        .build();
  }

  @Test
  void callersSslContextIsUsedForTheTlsRegistry() throws Exception {
    RegistryCredential alice = RegistryCredential.of(registries().basicHost(), "alice", "s3cret");
    String image = registries().basicHost() + "/team/app:1.0";

    AccessResult trusted =
        RegistryAccess.builder()
            .sslContext(trustingTestCa())
            .retryPolicy(RetryPolicy.disabled())
            .build()
            .forCredential(alice)
            .canPull(image);
    AccessResult jdkDefault =
        RegistryAccess.builder()
            .sslContext(SSLContext.getDefault())
            .retryPolicy(RetryPolicy.disabled())
            .build()
            .forCredential(alice)
            .canPull(image);

    assertThat(trusted.outcome()).as(trusted.toString()).isEqualTo(AccessOutcome.OK);
    assertThat(trusted.digest()).contains(registries().digest());
    assertThat(jdkDefault.outcome()).isEqualTo(AccessOutcome.TLS_FAILURE);
  }

  @Test
  void tokenRealmOnPlainHttpIsRefusedWithoutSendingCredentials() throws IOException {
    AtomicInteger realmRequests = new AtomicInteger();
    HttpServer realm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    realm.createContext(
        "/token",
        exchange -> {
          realmRequests.incrementAndGet();
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    HttpsServer registry = challengingRegistry(realm);
    realm.start();
    registry.start();
    try {
      String host = "127.0.0.1:" + registry.getAddress().getPort();

      AccessResult result =
          access()
              .forCredential(RegistryCredential.of(host, "alice", "s3cret"))
              .canPull(host + "/team/app:1.0");

      assertThat(result.outcome()).isEqualTo(AccessOutcome.UNEXPECTED_RESPONSE);
      assertThat(result.detail())
          .contains("http://127.0.0.1")
          .contains("not an https URL")
          .doesNotContain("s3cret");
      assertThat(realmRequests).hasValue(0);
    } finally {
      registry.stop(0);
      realm.stop(0);
    }
  }

  @Test
  void expiredTokenIsARejectedFreshTokenAndACachedOneIsFetchedAgain() {
    CredentialCheck check =
        access().forCredential(RegistryCredential.of(registries().tokenHost(), "puller", "pullpw"));
    String image = registries().tokenHost() + "/team/app:1.0";

    registries().issuer().lifetimeSeconds(-120);
    AccessResult expired;
    try {
      expired = check.canPull(image);
    } finally {
      registries().issuer().lifetimeSeconds(300);
    }
    int before = registries().issuer().requests().size();
    AccessResult renewed = check.canPull(image);

    assertThat(expired.outcome()).isEqualTo(AccessOutcome.NO_ACCESS);
    assertThat(expired.noAccessReason()).contains(NoAccessReason.REJECTED_FRESH_TOKEN);
    assertThat(expired.status()).hasValue(401);
    assertThat(renewed.outcome()).as(renewed.toString()).isEqualTo(AccessOutcome.OK);
    assertThat(registries().issuer().requests().size() - before).isEqualTo(1);
  }

  @Test
  void canPushLeavesNoUploadSessionOnTheBasicRegistry() throws Exception {
    String host = registries().basicHost();
    List<String> before = registries().openUploads(host, "team/app");
    URI started = startUpload(host);
    List<String> withOurs = registries().openUploads(host, "team/app");

    AccessResult push =
        access()
            .forCredential(RegistryCredential.of(host, "alice", "s3cret"))
            .canPush(host + "/team/app");
    List<String> after = registries().openUploads(host, "team/app");
    cancel(started);

    assertThat(withOurs).hasSize(before.size() + 1);
    assertThat(push.outcome()).as(push.toString()).isEqualTo(AccessOutcome.OK);
    assertThat(after).isEqualTo(withOurs);
    assertThat(registries().openUploads(host, "team/app")).isEqualTo(before);
  }

  @Test
  void canPushLeavesNoUploadSessionOnTheTokenRegistry() {
    String host = registries().tokenHost();
    List<String> before = registries().openUploads(host, "team/other");

    AccessResult push =
        access()
            .forCredential(RegistryCredential.of(host, "alice", "s3cret"))
            .canPush(host + "/team/other");

    assertThat(push.outcome()).as(push.toString()).isEqualTo(AccessOutcome.OK);
    assertThat(registries().openUploads(host, "team/other")).isEqualTo(before);
  }

  /** A TLS registry whose /v2/ asks for a Bearer token from a realm on plain HTTP. */
  private static HttpsServer challengingRegistry(HttpServer realm) throws IOException {
    HttpsServer registry = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.setHttpsConfigurator(new HttpsConfigurator(registries().serverContext()));
    String challenge =
        "Bearer realm=\"http://127.0.0.1:"
            + realm.getAddress().getPort()
            + "/token\",service=\"test-registry\"";
    registry.createContext(
        "/v2/",
        exchange -> {
          exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
          exchange.sendResponseHeaders(401, -1);
          exchange.close();
        });
    return registry;
  }

  private static SSLContext trustingTestCa() throws GeneralSecurityException, IOException {
    Certificate ca =
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(registries().caPem().getBytes(StandardCharsets.US_ASCII)));
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("test-ca", ca);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static URI startUpload(String host) throws Exception {
    HttpResponse<Void> response =
        client()
            .send(
                authorised(URI.create("https://" + host + "/v2/team/app/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(202);
    return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
  }

  private static void cancel(URI upload) throws Exception {
    HttpResponse<Void> response =
        client().send(authorised(upload).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(204);
  }

  private static HttpRequest.Builder authorised(URI uri) {
    String pair =
        Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(uri).header("Authorization", "Basic " + pair);
  }

  private static HttpClient client() throws GeneralSecurityException, IOException {
    return HttpClient.newBuilder().sslContext(trustingTestCa()).build();
  }
}
