package io.github.pullsecrets.k8s;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.RetryPolicy;
import io.github.pullsecrets.k8s.internal.kube.ClusterSettings;
import io.github.pullsecrets.k8s.internal.kube.Credentials;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** Clients pointed at a WireMock server, with a fixed test token. */
final class KubeTestClients {

  static final String TOKEN = "test-token-not-a-secret";

  private KubeTestClients() {}

  static KubeConfig config(WireMockExtension server, Credentials credentials) {
    try {
      return KubeConfig.of(
          new ClusterSettings(
              URI.create(server.baseUrl()),
              "shop",
              Optional.of("wiremock"),
              SSLContext.getDefault(),
              credentials));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static KubeClient client(WireMockExtension server) {
    return KubeClient.builder(config(server, Credentials.token(TOKEN)))
        .retryPolicy(RetryPolicy.disabled())
        .build();
  }
}
