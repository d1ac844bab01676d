package io.github.pullsecrets.benchmarks.fanout;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.RegistryCredential;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * fabric8 kubernetes-client 8.0.0 as its documentation shows it: {@code new
 * KubernetesClientBuilder().build()} (kubeconfig from {@code KUBECONFIG}, the default Vert.x 5 HTTP
 * client), {@code secrets().inNamespace(ns).resource(secret).serverSideApply()} and {@code
 * serviceAccounts().inNamespace(ns).withName("default").edit(...)}. Sequential, or with a fixed
 * thread pool (fabric8 has no bulk operation of its own).
 */
final class Fabric8FanOut implements FanOut {

  private final KubernetesClient client = new KubernetesClientBuilder().build();
  private final int threads;

  Fabric8FanOut(int threads) {
    this.threads = threads;
  }

  @Override
  public void run(List<String> namespaces, RegistryCredential credential) throws Exception {
    String data =
        Base64.getEncoder().encodeToString(DockerConfig.empty().with(credential).toJsonBytes());
    if (threads <= 1) {
      for (String namespace : namespaces) {
        inNamespace(namespace, data);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String namespace : namespaces) {
        futures.add(pool.submit(() -> inNamespace(namespace, data)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void inNamespace(String namespace, String data) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(SECRET)
            .withNamespace(namespace)
            .addToLabels("app.kubernetes.io/managed-by", "pullsecrets")
            .endMetadata()
            .withType("kubernetes.io/dockerconfigjson")
            .addToData(".dockerconfigjson", data)
            .build();
    client.secrets().inNamespace(namespace).resource(secret).serverSideApply();
    client.serviceAccounts().inNamespace(namespace).withName("default").edit(Fabric8FanOut::attach);
  }

  private static ServiceAccount attach(ServiceAccount account) {
    boolean present =
        account.getImagePullSecrets().stream().anyMatch(ref -> SECRET.equals(ref.getName()));
    if (present) {
      return account;
    }
    return new ServiceAccountBuilder(account)
        .addToImagePullSecrets(new LocalObjectReference(SECRET))
        .build();
  }

  @Override
  public void close() {
    client.close();
  }
}
