package io.github.pullsecrets.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded kube-apiserver transcript from {@code src/test/resources/k8s-api} (format in its
 * README): each exchange becomes a WireMock stub, and a request pattern that checks what our client
 * sent against what curl sent (method, path, query, Content-Type, bearer token present, body as
 * JSON, YAML bodies compared as trees).
 */
final class Transcript {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final List<String> OPTIONS = List.of("continue", "force", "dryRun");

  private final String file;
  private final List<Exchange> exchanges;

  private Transcript(String file, List<Exchange> exchanges) {
    this.file = file;
    this.exchanges = exchanges;
  }

  /** One request and its response. */
  record Exchange(
      String label,
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> requestHeaders,
      String requestBody,
      int status,
      List<String[]> responseHeaders,
      String responseBody) {

    /** Returns the response body as a tree. */
    JsonNode responseJson() {
      return tree(responseBody);
    }

    /** Returns the request body as a tree (JSON or YAML). */
    JsonNode requestTree() {
      return tree(requestBody);
    }
  }

  static Transcript load(String file) {
    return new Transcript(file, parse(TestFiles.resource("k8s-api/" + file).split("\n", -1)));
  }

  /** Returns exchange {@code n}, counted from 1 as in the file. */
  Exchange exchange(int n) {
    return exchanges.get(n - 1);
  }

  int size() {
    return exchanges.size();
  }

  /** Stubs one exchange: any request with its method, path and query gets its response. */
  static void stub(WireMockExtension server, Exchange exchange) {
    server.stubFor(match(exchange).willReturn(response(exchange)));
  }

  /** Stubs exchanges that must arrive in this order; the n-th answers only after the (n-1)-th. */
  static void stubInOrder(WireMockExtension server, String scenario, Exchange... exchanges) {
    for (int i = 0; i < exchanges.length; i++) {
      String state = i == 0 ? Scenario.STARTED : scenario + "-" + i;
      server.stubFor(
          match(exchanges[i])
              .inScenario(scenario)
              .whenScenarioStateIs(state)
              .willSetStateTo(scenario + "-" + (i + 1))
              .willReturn(response(exchanges[i])));
    }
  }

  /** Returns a pattern matching a request like the recorded one, body included. */
  static RequestPatternBuilder recorded(Exchange exchange) {
    RequestPatternBuilder pattern =
        new RequestPatternBuilder(
            RequestMethod.fromString(exchange.method()), urlPathEqualTo(exchange.path()));
    exchange.query().forEach((key, value) -> pattern.withQueryParam(key, equalTo(value)));
    for (String option : OPTIONS) {
      if (!exchange.query().containsKey(option)) {
        pattern.withQueryParam(option, absent());
      }
    }
    pattern.withHeader("Authorization", matching("Bearer .+"));
    if (!exchange.requestBody().isEmpty()) {
      pattern.withHeader("Content-Type", equalTo(exchange.requestHeaders().get("Content-Type")));
      pattern.withRequestBody(equalToJson(exchange.requestTree().toString()));
    }
    return pattern;
  }

  static ResponseDefinitionBuilder response(Exchange exchange) {
    ResponseDefinitionBuilder response =
        aResponse().withStatus(exchange.status()).withBody(exchange.responseBody());
    for (String[] header : exchange.responseHeaders()) {
      response.withHeader(header[0], header[1]);
    }
    return response;
  }

  private static MappingBuilder match(Exchange exchange) {
    MappingBuilder mapping = request(exchange.method(), urlPathEqualTo(exchange.path()));
    exchange.query().forEach((key, value) -> mapping.withQueryParam(key, equalTo(value)));
    for (String option : OPTIONS) {
      if (!exchange.query().containsKey(option)) {
        mapping.withQueryParam(option, absent());
      }
    }
    return mapping;
  }

  private static JsonNode tree(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return file;
  }

  private static List<Exchange> parse(String[] lines) {
    List<Exchange> exchanges = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      if (lines[i].startsWith(">>> REQUEST ")) {
        i = exchange(lines, i, exchanges);
      } else {
        i++;
      }
    }
    return exchanges;
  }

  private static int exchange(String[] lines, int start, List<Exchange> into) {
    String label = lines[start].substring(lines[start].indexOf(':') + 1).strip();
    String[] requestLine = lines[start + 1].split(" ");
    int i = start + 2;
    Map<String, String> requestHeaders = new LinkedHashMap<>();
    for (; !lines[i].isEmpty(); i++) {
      requestHeaders.put(name(lines[i]), value(lines[i]));
    }
    StringBuilder requestBody = new StringBuilder();
    for (i++; !lines[i].startsWith("<<< RESPONSE"); i++) {
      requestBody.append(lines[i]).append('\n');
    }
    int status = Integer.parseInt(lines[i + 1].split(" ")[1]);
    List<String[]> responseHeaders = new ArrayList<>();
    for (i += 2; i < lines.length && !lines[i].isEmpty(); i++) {
      responseHeaders.add(new String[] {name(lines[i]), value(lines[i])});
    }
    StringBuilder responseBody = new StringBuilder();
    for (i++; i < lines.length && !boundary(lines[i]); i++) {
      responseBody.append(lines[i]).append('\n');
    }
    String target = requestLine[1];
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    Map<String, String> query = question < 0 ? Map.of() : query(target.substring(question + 1));
    into.add(
        new Exchange(
            label,
            requestLine[0],
            path,
            query,
            requestHeaders,
            requestBody.toString().strip(),
            status,
            responseHeaders,
            responseBody.toString().strip()));
    return i;
  }

  private static boolean boundary(String line) {
    return line.startsWith(">>> REQUEST") || line.startsWith("# ");
  }

  private static Map<String, String> query(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      params.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
    }
    return params;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String name(String header) {
    return header.substring(0, header.indexOf(':')).strip();
  }

  private static String value(String header) {
    return header.substring(header.indexOf(':') + 1).strip();
  }
}
