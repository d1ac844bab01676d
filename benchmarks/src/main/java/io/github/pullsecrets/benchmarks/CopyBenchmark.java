package io.github.pullsecrets.benchmarks;

import static io.github.pullsecrets.auth.RegistryAccess.DEFAULT_CHUNK_SIZE;

import io.github.pullsecrets.auth.ImageSource;
import io.github.pullsecrets.auth.ImageTransfer;
import io.github.pullsecrets.auth.PushResult;
import io.github.pullsecrets.auth.RegistryAccess;
import io.github.pullsecrets.auth.RegistryCredential;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Copies an image with one large layer between two local registries, with the SDK and with {@code
 * skopeo copy}, and prints wall time, throughput, their ratio and the SDK's peak heap. Run it with
 * a small heap to show the layer is streamed:
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx64m -jar benchmarks/target/pullsecrets-benchmarks.jar --layer-mb 500 --rounds 3
 * </pre>
 *
 * <p>Needs {@code docker-registry}, {@code skopeo} and {@code openssl}. Three registries run on
 * loopback with TLS and no authentication: the source, and for each round and tool a new, empty
 * target, so every byte of the layer crosses the wire each time and nothing can be mounted.
 */
public final class CopyBenchmark {

  private CopyBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code [--layer-mb N] [--rounds N] [--chunk-mb N] [--work DIR]}
   * @throws Exception if a registry or skopeo fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    long layerBytes = Long.parseLong(options.getOrDefault("--layer-mb", "500")) << 20;
    int rounds = Integer.parseInt(options.getOrDefault("--rounds", "3"));
    long chunkBytes =
        Long.parseLong(options.getOrDefault("--chunk-mb", "" + (DEFAULT_CHUNK_SIZE >> 20))) << 20;
    Path work =
        options.containsKey("--work")
            ? Files.createDirectories(Path.of(options.get("--work")))
            : Files.createTempDirectory("pullsecrets-benchmark");
    try {
      run(work, layerBytes, rounds, chunkBytes);
    } finally {
      delete(work);
    }
  }

  private static void run(Path work, long layerBytes, int rounds, long chunkBytes)
      throws Exception {
    certificate(work);
    Path cert = work.resolve("cert.pem");
    Path key = work.resolve("key.pem");
    try (LocalRegistry source = LocalRegistry.start(work.resolve("source"), cert, key)) {
      RegistryAccess access =
          RegistryAccess.builder()
              .caBundle(Files.readString(cert))
              .chunkSize(chunkBytes)
              .requestTimeout(Duration.ofMinutes(5))
              .build();
      String image = fill(work, access, source, layerBytes);
      List<double[]> sdk = new ArrayList<>();
      List<double[]> skopeo = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        boolean sdkFirst = round % 2 == 1;
        if (sdkFirst) {
          sdk.add(sdkCopy(access, image, work.resolve("sdk-" + round), round));
        }
        skopeo.add(skopeoCopy(work, image, work.resolve("skopeo-" + round), round));
        if (!sdkFirst) {
          sdk.add(sdkCopy(access, image, work.resolve("sdk-" + round), round));
        }
      }
      report(layerBytes, chunkBytes, sdk, skopeo);
    }
  }

  private static String fill(Path work, RegistryAccess access, LocalRegistry source, long bytes)
      throws IOException {
    long started = System.nanoTime();
    long size = LargeImage.write(work.resolve("layout"), bytes);
    System.out.printf("wrote a %.1f MiB layer in %.1f s%n", mib(size), seconds(started));
    String image = source.host() + "/bench/large:1";
    ImageTransfer push = access.images(RegistryCredential.of(source.host(), "", ""));
    started = System.nanoTime();
    PushResult pushed = push.push(ImageSource.ociLayout(work.resolve("layout")), image);
    System.out.printf("SDK push from the OCI layout: %.2f s (%s)%n", seconds(started), pushed);
    return image;
  }

  private static double[] sdkCopy(RegistryAccess access, String image, Path folder, int n)
      throws IOException {
    try (LocalRegistry target = newTarget(folder)) {
      return sdkCopy(access, image, target, n);
    }
  }

  private static double[] skopeoCopy(Path work, String image, Path folder, int n)
      throws IOException, InterruptedException {
    try (LocalRegistry target = newTarget(folder)) {
      return skopeoCopy(work, image, target, n);
    }
  }

  /** Starts a new, empty target registry, so no tool can reuse or mount what it sent before. */
  private static LocalRegistry newTarget(Path folder) throws IOException {
    Path work = folder.getParent();
    return LocalRegistry.start(folder, work.resolve("cert.pem"), work.resolve("key.pem"));
  }

  private static double[] sdkCopy(
      RegistryAccess access, String image, LocalRegistry target, int n) {
    ImageTransfer copy = access.images(RegistryCredential.of(target.host(), "", ""));
    RegistryCredential anonymous = RegistryCredential.of(image.split("/")[0], "", "");
    System.gc();
    resetHeapPeaks();
    long started = System.nanoTime();
    PushResult result = copy.copy(anonymous, image, target.host() + "/sdk/large-" + n + ":1");
    double seconds = seconds(started);
    double peakMib = mib(heapPeak());
    System.out.printf(
        "round %d  SDK     %6.2f s  peak heap %5.1f MiB  %s%n", n, seconds, peakMib, result);
    return new double[] {seconds, peakMib};
  }

  private static double[] skopeoCopy(Path work, String image, LocalRegistry target, int n)
      throws IOException, InterruptedException {
    Path home = Files.createDirectories(work.resolve("skopeo-home-" + n));
    List<String> command =
        List.of(
            "skopeo",
            "--insecure-policy",
            "copy",
            "--quiet",
            "--src-cert-dir",
            work.resolve("certs").toString(),
            "--dest-cert-dir",
            work.resolve("certs").toString(),
            "docker://" + image,
            "docker://" + target.host() + "/skopeo/large-" + n + ":1");
    long started = System.nanoTime();
    String output = run(work, home, command);
    double seconds = seconds(started);
    System.out.printf("round %d  skopeo  %6.2f s  %s%n", n, seconds, output.strip());
    return new double[] {seconds, 0};
  }

  private static void report(
      long layerBytes, long chunkBytes, List<double[]> sdk, List<double[]> skopeo) {
    double sdkSeconds = median(sdk, 0);
    double skopeoSeconds = median(skopeo, 0);
    double maxPeak = sdk.stream().mapToDouble(r -> r[1]).max().orElse(0);
    System.out.println();
    System.out.println("| tool | median wall time | throughput | peak heap |");
    System.out.println("| --- | --- | --- | --- |");
    System.out.printf(
        "| SDK | %.2f s | %.0f MiB/s | %.1f MiB (max heap %.0f MiB) |%n",
        sdkSeconds, mib(layerBytes) / sdkSeconds, maxPeak, mib(Runtime.getRuntime().maxMemory()));
    System.out.printf(
        "| skopeo copy | %.2f s | %.0f MiB/s | (separate process) |%n",
        skopeoSeconds, mib(layerBytes) / skopeoSeconds);
    System.out.printf(
        "%nSDK throughput / skopeo throughput = %.2f (%d rounds, chunk %d MiB, %d CPUs, Java %s)%n",
        skopeoSeconds / sdkSeconds,
        sdk.size(),
        chunkBytes >> 20,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
  }

  private static void certificate(Path work) throws IOException, InterruptedException {
    run(
        work,
        work,
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem"));
    Files.createDirectories(work.resolve("certs"));
    Files.copy(work.resolve("cert.pem"), work.resolve("certs/ca.crt"));
  }

  private static String run(Path work, Path home, List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(work, "run", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_RUNTIME_DIR", home.toString());
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(command.get(0) + " failed: " + Files.readString(log));
    }
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static void resetHeapPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** Returns the sum of the heap pools' peaks: an upper bound of the heap in use at any time. */
  private static long heapPeak() {
    return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .toList();
  }

  private static double median(List<double[]> runs, int column) {
    double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static double mib(long bytes) {
    return bytes / (double) (1 << 20);
  }

  private static double mib(double bytes) {
    return bytes / (1 << 20);
  }

  private static void delete(Path work) throws IOException {
    try (Stream<Path> paths = Files.walk(work)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
