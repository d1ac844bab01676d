package io.github.pullsecrets.benchmarks.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bulk fan-out benchmark: for each latency, N and run, a fresh {@link FakeKubeApi} and one JVM
 * per client running the three scenarios ({@link FanOutChild}); then the namespace list with a
 * small heap ({@link ListHeapChild}). Prints a Markdown table of medians and ranges.
 *
 * <p>Arguments, all optional, as {@code key=value}: {@code n=100,1000 latency=0,2,10 runs=3
 * clients=pullsecrets,fabric8-sequential,fabric8-parallel,kubectl-loop kubectl-n=100
 * kubectl-latency=10 warmup=50 concurrency=4 heap-namespaces=10000 heap-xmx=16,32,64 heap-runs=3
 * timeout=1800} (seconds after which a child JVM is killed).
 */
public final class FanOutBenchmark {

  private final Map<String, String> options = new LinkedHashMap<>();
  private final Path work;
  private final List<Row> rows = new ArrayList<>();

  /** One child's numbers for one scenario. */
  record Row(
      long latency,
      int n,
      String scenario,
      String client,
      long micros,
      long requests,
      long writes,
      long bytesSent,
      long bytesReceived,
      long heap,
      String detail) {}

  private FanOutBenchmark(String[] args) throws IOException {
    options.put("n", "100,1000");
    options.put("latency", "0,2,10");
    options.put("runs", "3");
    options.put("clients", "pullsecrets,fabric8-sequential,fabric8-parallel,kubectl-loop");
    options.put("kubectl-n", "100");
    options.put("kubectl-latency", "10");
    options.put("warmup", "50");
    options.put("concurrency", "4");
    options.put("heap-namespaces", "10000");
    options.put("heap-xmx", "16,32,64");
    options.put("heap-runs", "3");
    options.put("timeout", "1800");
    for (String arg : args) {
      int eq = arg.indexOf('=');
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    this.work = Files.createTempDirectory("fanout-bench");
  }

  public static void main(String[] args) throws Exception {
    FanOutBenchmark benchmark = new FanOutBenchmark(args);
    System.out.println("options: " + benchmark.options);
    benchmark.fanOut();
    System.out.println(Report.table(benchmark.rows, benchmark.options));
    List<String> missed = benchmark.missedRequestTargets();
    if (!missed.isEmpty()) {
      missed.forEach(m -> System.out.println("TARGET MISSED: " + m));
      System.exit(1);
    }
    if (Integer.parseInt(benchmark.options.get("heap-namespaces")) > 0) {
      System.out.println(benchmark.listHeap());
    }
    System.exit(0);
  }

  private void fanOut() throws Exception {
    int runs = Integer.parseInt(options.get("runs"));
    int warmup = Integer.parseInt(options.get("warmup"));
    for (long latency : longs("latency")) {
      for (long n : longs("n")) {
        for (int run = 1; run <= runs; run++) {
          for (String client : options.get("clients").split(",")) {
            if (skip(client, latency, n)) {
              continue;
            }
            try (FakeKubeApi server = new FakeKubeApi((int) n, latency, warmup)) {
              runChild(server, client, latency, (int) n, warmup);
              verify(server, client, (int) n);
            }
          }
        }
      }
    }
  }

  /**
   * Checks the request targets of issue 7 on every pullsecrets row: exactly one write per object
   * that changes (2 per namespace on the first apply, 1 on rotation, none when unchanged), and no
   * reads beyond one list page of Secrets and one of ServiceAccounts per 500 namespaces.
   */
  private List<String> missedRequestTargets() {
    int warmup = Integer.parseInt(options.get("warmup"));
    List<String> missed = new ArrayList<>();
    for (Row row : rows) {
      if (!row.client().equals("pullsecrets")) {
        continue;
      }
      long writes =
          switch (row.scenario()) {
            case "first-apply" -> 2L * row.n();
            case "rotated" -> row.n();
            default -> 0;
          };
      long pages = (row.n() + warmup + 499) / 500;
      long reads = row.requests() - row.writes();
      if (row.writes() != writes || reads > 2 * pages) {
        missed.add(row + ": expected " + writes + " writes and at most " + 2 * pages + " reads");
      }
    }
    return missed;
  }

  private boolean skip(String client, long latency, long n) {
    if (!client.equals("kubectl-loop")) {
      return false;
    }
    boolean nOk = Arrays.stream(longs("kubectl-n")).anyMatch(v -> v == n);
    boolean latencyOk = Arrays.stream(longs("kubectl-latency")).anyMatch(v -> v == latency);
    return !(nOk && latencyOk);
  }

  private void runChild(FakeKubeApi server, String client, long latency, int n, int warmup)
      throws Exception {
    Path kubeconfig = Kubeconfig.write(work, server.uri());
    List<String> command = java(List.of("-Xmx512m"), FanOutChild.class);
    command.addAll(
        List.of(
            client,
            server.uri().toString(),
            kubeconfig.toString(),
            Integer.toString(n),
            Integer.toString(client.equals("kubectl-loop") ? 0 : warmup),
            options.get("concurrency")));
    for (String line : exec(command, kubeconfig)) {
      if (line.startsWith("RESULT ")) {
        String[] f = line.split(" ");
        Row row =
            new Row(
                latency,
                n,
                f[1],
                client,
                Long.parseLong(f[2]),
                Long.parseLong(f[3]),
                Long.parseLong(f[4]),
                Long.parseLong(f[5]),
                Long.parseLong(f[6]),
                client.equals("kubectl-loop") ? -1 : Long.parseLong(f[7]),
                f[8]);
        rows.add(row);
        System.out.printf(
            "latency=%dms n=%d %-18s %-12s %8.1f ms requests=%d writes=%d sent=%d %s%n",
            latency,
            n,
            client,
            f[1],
            row.micros() / 1000.0,
            row.requests(),
            row.writes(),
            row.bytesSent(),
            row.detail());
      }
    }
  }

  /** Checks that every namespace ended with the rotated Secret, listed by its ServiceAccount. */
  private static void verify(FakeKubeApi server, String client, int n) {
    for (String namespace : FanOutChild.names("team", n)) {
      JsonNode secret = server.secret(namespace, FanOut.SECRET);
      String data = secret == null ? "" : secret.path("data").path(".dockerconfigjson").asText();
      String json = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
      JsonNode account = server.serviceAccount(namespace, "default");
      boolean attached =
          account.path("imagePullSecrets").toString().contains("\"" + FanOut.SECRET + "\"");
      if (!json.contains("pull-Token-2026-B") || !attached) {
        throw new IllegalStateException(client + " left " + namespace + " wrong");
      }
    }
  }

  private String listHeap() throws Exception {
    int count = Integer.parseInt(options.get("heap-namespaces"));
    StringBuilder out = new StringBuilder("\nList " + count + " namespaces (pages of 500):\n\n");
    out.append("| client | -Xmx | completed runs | peak used heap, median (min-max) MB |")
        .append(" wall median ms |\n|---|---|---|---|---|\n");
    try (FakeKubeApi server = new FakeKubeApi(count, 0, 0)) {
      Path kubeconfig = Kubeconfig.write(work, server.uri());
      for (String client :
          List.of("pullsecrets-names", "pullsecrets-objects", "fabric8-names", "fabric8-objects")) {
        for (long xmx : longs("heap-xmx")) {
          out.append(heapRow(kubeconfig, client, xmx, count)).append('\n');
        }
      }
    }
    return out.toString();
  }

  private String heapRow(Path kubeconfig, String client, long xmx, int count) throws Exception {
    int runs = Integer.parseInt(options.get("heap-runs"));
    List<Long> peaks = new ArrayList<>();
    List<Long> walls = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      List<String> command = java(List.of("-Xmx" + xmx + "m"), ListHeapChild.class);
      command.add(client);
      for (String line : exec(command, kubeconfig)) {
        String[] f = line.split(" ");
        if (f[0].equals("HEAP") && Integer.parseInt(f[2]) == count) {
          peaks.add(Long.parseLong(f[1]));
          walls.add(Long.parseLong(f[3]));
        }
      }
    }
    return String.format(
        "| %s | %d MB | %d of %d | %s | %s |",
        client, xmx, peaks.size(), runs, Report.mb(peaks), Report.ms(walls));
  }

  private static List<String> java(List<String> jvmOptions, Class<?> main) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    return command;
  }

  private List<String> exec(List<String> command, Path kubeconfig) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("HOME", work.resolve("home").toString());
    Process process = builder.start();
    CompletableFuture.delayedExecutor(Long.parseLong(options.get("timeout")), TimeUnit.SECONDS)
        .execute(process::destroyForcibly);
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    if (process.waitFor() != 0) {
      lines.stream().limit(40).forEach(l -> System.out.println("  child: " + l));
    }
    return lines;
  }

  private long[] longs(String key) {
    return Arrays.stream(options.get(key).split(",")).mapToLong(Long::parseLong).toArray();
  }
}
