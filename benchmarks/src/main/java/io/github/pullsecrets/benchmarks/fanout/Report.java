package io.github.pullsecrets.benchmarks.fanout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Turns the benchmark rows into a Markdown table of medians and ranges. */
final class Report {

  private Report() {}

  static String table(List<FanOutBenchmark.Row> rows, Map<String, String> options) {
    Map<String, List<FanOutBenchmark.Row>> groups = new LinkedHashMap<>();
    rows.stream()
        .sorted(
            Comparator.comparingLong(FanOutBenchmark.Row::latency)
                .thenComparingInt(FanOutBenchmark.Row::n)
                .thenComparingInt(r -> FanOutChild.SCENARIOS.indexOf(r.scenario())))
        .forEach(
            r ->
                groups
                    .computeIfAbsent(
                        r.latency() + "|" + r.n() + "|" + r.scenario() + "|" + r.client(),
                        k -> new ArrayList<>())
                    .add(r));
    StringBuilder out = new StringBuilder();
    out.append("| latency | N | scenario | client | runs | wall ms, median (min-max) |")
        .append(" requests / namespace | writes / namespace | bytes sent / namespace |")
        .append(" peak heap MB | pullsecrets faster by |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    groups.forEach((key, group) -> out.append(line(group, groups)).append('\n'));
    return out.toString();
  }

  private static String line(
      List<FanOutBenchmark.Row> group, Map<String, List<FanOutBenchmark.Row>> groups) {
    FanOutBenchmark.Row first = group.get(0);
    int n = first.n();
    List<FanOutBenchmark.Row> ours =
        groups.get(first.latency() + "|" + n + "|" + first.scenario() + "|pullsecrets");
    String ratio =
        ours == null || first.client().equals("pullsecrets")
            ? "-"
            : String.format(
                "%.1fx",
                median(group, FanOutBenchmark.Row::micros)
                    / (double) median(ours, FanOutBenchmark.Row::micros));
    long heap = median(group, FanOutBenchmark.Row::heap);
    return String.format(
        "| %d ms | %d | %s | %s | %d | %s | %.2f | %.2f | %.0f | %s | %s |",
        first.latency(),
        n,
        first.scenario(),
        first.client(),
        group.size(),
        ms(group.stream().map(FanOutBenchmark.Row::micros).toList()),
        median(group, FanOutBenchmark.Row::requests) / (double) n,
        median(group, FanOutBenchmark.Row::writes) / (double) n,
        median(group, FanOutBenchmark.Row::bytesSent) / (double) n,
        heap < 0 ? "n/a (Go)" : String.format("%.0f", heap / 1048576.0),
        ratio);
  }

  static long median(List<FanOutBenchmark.Row> rows, ToLongFunction<FanOutBenchmark.Row> field) {
    return median(rows.stream().map(field::applyAsLong).toList());
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
  }

  static String ms(List<Long> micros) {
    if (micros.isEmpty()) {
      return "-";
    }
    long min = micros.stream().min(Long::compare).orElseThrow();
    long max = micros.stream().max(Long::compare).orElseThrow();
    return String.format("%.0f (%.0f-%.0f)", median(micros) / 1000.0, min / 1000.0, max / 1000.0);
  }

  static String mb(List<Long> bytes) {
    if (bytes.isEmpty()) {
      return "-";
    }
    long min = bytes.stream().min(Long::compare).orElseThrow();
    long max = bytes.stream().max(Long::compare).orElseThrow();
    return String.format(
        "%.1f (%.1f-%.1f)", median(bytes) / 1048576.0, min / 1048576.0, max / 1048576.0);
  }
}
