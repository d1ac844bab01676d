package io.github.pullsecrets.benchmarks.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fake server's request counters at one moment: per "METHOD path-shape", requests, bytes the
 * client sent and bytes it received. Subtract two snapshots to get one scenario's traffic.
 *
 * @param byShape counters per method and path shape: {requests, bytes sent, bytes received}
 */
record Traffic(Map<String, long[]> byShape) {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  static Traffic fetch(URI server) {
    try {
      HttpRequest request = HttpRequest.newBuilder(server.resolve(FakeKubeApi.SNAPSHOT)).build();
      JsonNode node =
          JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
      Map<String, long[]> shapes = new TreeMap<>();
      node.properties()
          .forEach(
              e -> {
                JsonNode v = e.getValue();
                shapes.put(
                    e.getKey(),
                    new long[] {v.get(0).asLong(), v.get(1).asLong(), v.get(2).asLong()});
              });
      return new Traffic(shapes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the traffic counters", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Traffic minus(Traffic before) {
    Map<String, long[]> diff = new TreeMap<>();
    byShape.forEach(
        (key, now) -> {
          long[] then = before.byShape.getOrDefault(key, new long[3]);
          long[] d = {now[0] - then[0], now[1] - then[1], now[2] - then[2]};
          if (d[0] > 0) {
            diff.put(key, d);
          }
        });
    return new Traffic(diff);
  }

  long requests() {
    return sum(0, false);
  }

  long writes() {
    return sum(0, true);
  }

  long bytesSent() {
    return sum(1, false);
  }

  long bytesReceived() {
    return sum(2, false);
  }

  private long sum(int column, boolean writesOnly) {
    return byShape.entrySet().stream()
        .filter(e -> !writesOnly || !e.getKey().startsWith("GET "))
        .mapToLong(e -> e.getValue()[column])
        .sum();
  }

  /** Returns "METHOD shape xCOUNT" entries, for the detailed log. */
  String describe() {
    StringBuilder text = new StringBuilder();
    byShape.forEach((key, v) -> text.append(key).append(" x").append(v[0]).append("; "));
    return text.toString();
  }
}
