package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.k8s.internal.kube.Credentials;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client closes only what it created. */
class KubeClientLifecycleTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void closeShutsDownTheExecutorTheClientCreated() {
    Transcript.stub(server, Transcript.load("10-secret-get-200.txt").exchange(1));
    KubeClient kube = KubeClient.builder(KubeTestClients.config(server, Credentials.NONE)).build();
    kube.resources(ResourceKind.SECRET).get("shop", "regcred");

    kube.close();

    assertThat(kube.ownsExecutor()).isTrue();
    assertThat(kube.executorShutDown()).isTrue();
  }

  @Test
  void closeLeavesACallersHttpClientAlone() {
    Transcript.stub(server, Transcript.load("10-secret-get-200.txt").exchange(1));
    ExecutorService executor = Executors.newSingleThreadExecutor();
    HttpClient http = HttpClient.newBuilder().executor(executor).build();
    KubeClient kube =
        KubeClient.builder(KubeTestClients.config(server, Credentials.NONE))
            .httpClient(http)
            .build();

    kube.close();
    KubeObject secret =
        KubeClient.builder(kube.config())
            .httpClient(http)
            .build()
            .resources(ResourceKind.SECRET)
            .get("shop", "regcred");

    assertThat(kube.ownsExecutor()).isFalse();
    assertThat(executor.isShutdown()).isFalse();
    assertThat(secret.name()).isEqualTo("regcred");
    executor.shutdownNow();
  }
}
