package io.github.pullsecrets.benchmarks.fanout;

import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.k8s.KubeClient;
import io.github.pullsecrets.k8s.KubeConfig;
import io.github.pullsecrets.k8s.PullSecret;
import io.github.pullsecrets.k8s.SecretReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * pullsecrets as its README shows it: one {@link KubeClient} from the kubeconfig, {@code
 * pullSecrets().apply(secret)} over the namespaces with the default concurrency. In the "loop"
 * variant the ServiceAccounts are then changed one namespace at a time with {@code
 * workloads(ns).serviceAccount("default").attachPullSecret(...)} on a pool of the same size.
 */
final class OurFanOut implements FanOut {

  private final KubeClient kube;
  private final boolean loop;
  private final int concurrency;

  OurFanOut(Path kubeconfig, boolean loop, int concurrency) {
    this.kube = KubeClient.builder(KubeConfig.fromFiles(List.of(kubeconfig))).build();
    this.loop = loop;
    this.concurrency = concurrency;
  }

  @Override
  public void run(List<String> namespaces, RegistryCredential credential) throws Exception {
    PullSecret secret = PullSecret.named(SECRET).addCredential(credential).build();
    SecretReport report =
        loop ? applyThenAttach(secret, namespaces) : applyAndAttach(secret, namespaces);
    if (!report.succeeded()) {
      throw new IllegalStateException("failed: " + report.counts());
    }
  }

  private SecretReport applyAndAttach(PullSecret secret, List<String> namespaces) {
    return kube.pullSecrets()
        .apply(secret)
        .concurrency(concurrency)
        .attachToServiceAccount("default")
        .toNamespaces(namespaces);
  }

  private SecretReport applyThenAttach(PullSecret secret, List<String> namespaces)
      throws Exception {
    SecretReport report =
        kube.pullSecrets().apply(secret).concurrency(concurrency).toNamespaces(namespaces);
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String namespace : namespaces) {
        futures.add(
            pool.submit(
                () ->
                    kube.workloads(namespace).serviceAccount("default").attachPullSecret(SECRET)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return report;
  }

  @Override
  public void close() {
    kube.close();
  }
}
