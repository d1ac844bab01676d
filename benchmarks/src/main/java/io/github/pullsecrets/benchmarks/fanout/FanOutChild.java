package io.github.pullsecrets.benchmarks.fanout;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one client through the three scenarios in its own JVM, so that its heap is measured alone:
 * (1) first apply, (2) the same again, (3) a rotated credential. An optional warm-up on other
 * namespaces goes first. Prints one {@code RESULT} line per scenario.
 *
 * <p>Arguments: client, server URL, kubeconfig, N, warm-up namespaces, concurrency.
 */
public final class FanOutChild {

  static final List<String> SCENARIOS = List.of("first-apply", "unchanged", "rotated");

  private FanOutChild() {}

  public static void main(String[] args) throws Exception {
    String client = args[0];
    URI server = URI.create(args[1]);
    Path kubeconfig = Path.of(args[2]);
    int n = Integer.parseInt(args[3]);
    int warmup = Integer.parseInt(args[4]);
    int concurrency = Integer.parseInt(args[5]);
    try (FanOut fanOut = create(client, kubeconfig, concurrency)) {
      if (warmup > 0) {
        List<String> warm = names("warm", warmup);
        fanOut.run(warm, FanOut.credential("warm-A"));
        fanOut.run(warm, FanOut.credential("warm-A"));
        fanOut.run(warm, FanOut.credential("warm-B"));
      }
      List<String> namespaces = names("team", n);
      String[] passwords = {"pull-Token-2026-A", "pull-Token-2026-A", "pull-Token-2026-B"};
      for (int i = 0; i < SCENARIOS.size(); i++) {
        measure(fanOut, server, SCENARIOS.get(i), namespaces, passwords[i]);
      }
    }
    System.exit(0);
  }

  static FanOut create(String client, Path kubeconfig, int concurrency) {
    return switch (client) {
      case "pullsecrets" -> new OurFanOut(kubeconfig, false, concurrency);
      case "pullsecrets-loop" -> new OurFanOut(kubeconfig, true, concurrency);
      case "fabric8-sequential" -> new Fabric8FanOut(1);
      case "fabric8-parallel" -> new Fabric8FanOut(concurrency);
      case "kubectl-loop" -> new KubectlFanOut();
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
  }

  static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(String.format("%s-%05d", prefix, i));
    }
    return names;
  }

  private static void measure(
      FanOut fanOut, URI server, String scenario, List<String> namespaces, String password)
      throws Exception {
    System.gc();
    HeapSampler sampler = HeapSampler.begin();
    Traffic before = Traffic.fetch(server);
    long start = System.nanoTime();
    fanOut.run(namespaces, FanOut.credential(password));
    long nanos = System.nanoTime() - start;
    long peak = sampler.end();
    Traffic traffic = Traffic.fetch(server).minus(before);
    System.out.printf(
        "RESULT %s %d %d %d %d %d %d %s%n",
        scenario,
        nanos / 1000,
        traffic.requests(),
        traffic.writes(),
        traffic.bytesSent(),
        traffic.bytesReceived(),
        peak,
        traffic.describe().replace(' ', '_'));
  }

  /** Samples the used heap every 5 ms and keeps the largest value. */
  static final class HeapSampler implements Runnable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread = new Thread(this, "heap-sampler");
    private volatile boolean running = true;

    static HeapSampler begin() {
      HeapSampler sampler = new HeapSampler();
      sampler.thread.setDaemon(true);
      sampler.sample();
      sampler.thread.start();
      return sampler;
    }

    @Override
    public void run() {
      while (running) {
        sample();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void sample() {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    long end() throws InterruptedException {
      running = false;
      thread.join();
      sample();
      return peak.get();
    }
  }
}
