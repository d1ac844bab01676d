package io.github.pullsecrets.benchmarks.fanout;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.pullsecrets.k8s.KubeClient;
import io.github.pullsecrets.k8s.ListOptions;
import io.github.pullsecrets.k8s.ResourceKind;
import io.github.pullsecrets.k8s.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists every namespace with paging (500 per page) in its own JVM, started by the benchmark with a
 * small {@code -Xmx}, and prints the largest used heap sampled on the way. The kubeconfig comes
 * from {@code KUBECONFIG}.
 *
 * <p>Arguments: what to run: {@code pullsecrets-objects} ({@code resources(NAMESPACE).list}, every
 * object kept), {@code pullsecrets-names} ({@code listNames}, what {@code toAllNamespaces} uses),
 * {@code fabric8-objects} or {@code fabric8-names} (a {@code list(ListOptions)} loop with limit and
 * continue, keeping every item or only its name).
 */
public final class ListHeapChild {

  private ListHeapChild() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (Throwable e) {
      // An OutOfMemoryError leaves fabric8's non-daemon event-loop threads behind: exit anyway.
      System.out.println("FAILED " + e);
      Runtime.getRuntime().halt(1);
    }
  }

  private static void run(String[] args) throws Exception {
    System.gc();
    FanOutChild.HeapSampler sampler = FanOutChild.HeapSampler.begin();
    long start = System.nanoTime();
    int count =
        switch (args[0]) {
          case "pullsecrets-objects" -> pullsecrets(false);
          case "pullsecrets-names" -> pullsecrets(true);
          case "fabric8-objects" -> fabric8(false);
          case "fabric8-names" -> fabric8(true);
          default -> throw new IllegalArgumentException(args[0]);
        };
    long micros = (System.nanoTime() - start) / 1000;
    System.out.printf("HEAP %d %d %d%n", sampler.end(), count, micros);
    System.exit(0);
  }

  private static int pullsecrets(boolean names) {
    try (KubeClient kube = KubeClient.fromKubeconfig()) {
      Resources namespaces = kube.resources(ResourceKind.NAMESPACE);
      return names
          ? namespaces.listNames("", ListOptions.all()).size()
          : namespaces.list("", ListOptions.all()).size();
    }
  }

  private static int fabric8(boolean names) {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      List<Object> kept = new ArrayList<>();
      String next = null;
      do {
        NamespaceList page =
            client
                .namespaces()
                .list(new ListOptionsBuilder().withLimit(500L).withContinue(next).build());
        for (Namespace item : page.getItems()) {
          kept.add(names ? item.getMetadata().getName() : item);
        }
        next = page.getMetadata().getContinue();
      } while (next != null && !next.isEmpty());
      return kept.size();
    }
  }
}
