package io.github.pullsecrets.auth.internal.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pullsecrets.auth.AccessOutcome;
import io.github.pullsecrets.auth.AccessResult;
import io.github.pullsecrets.auth.Listing;
import io.github.pullsecrets.auth.internal.http.JsonSupport;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a paged name list ({@code tags/list}, {@code _catalog}) by its {@code Link} headers. */
final class Pages {

  private static final int MAX_PAGES = 10_000;
  private static final ObjectMapper MAPPER = JsonSupport.newMapper();

  private final AccessClient client;
  private final String host;
  private final String scope;
  private final String field;
  private final List<String> names = new ArrayList<>();

  Pages(AccessClient client, String host, String scope, String field) {
    this.client = client;
    this.host = host;
    this.scope = scope;
    this.field = field;
  }

  Listing list(URI first) {
    try {
      return new Listing(readAll(first), names);
    } catch (AccessFailure failure) {
      return new Listing(failure.result(), names);
    }
  }

  private AccessResult readAll(URI first) {
    URI next = first;
    for (int page = 1; page <= MAX_PAGES; page++) {
      Exchange exchange =
          client.exchange(host, scope, "GET", next, Map.of("Accept", "application/json"));
      if (exchange.status() != 200) {
        return client.failure(host, exchange, RegistryErrors.codes(exchange.result().body()));
      }
      names.addAll(read(exchange));
      Optional<URI> link = nextPage(exchange);
      if (link.isEmpty()) {
        return AccessResult.builder(
                AccessOutcome.OK,
                host,
                "listed " + names.size() + " " + field + " in " + page + " page(s)")
            .status(200)
            .build();
      }
      next = link.get();
    }
    throw unexpected(200, "more than " + MAX_PAGES + " pages");
  }

  private Optional<URI> nextPage(Exchange exchange) {
    Optional<URI> next =
        exchange.result().header("Link").flatMap(link -> LinkHeader.next(link, exchange.uri()));
    if (next.isPresent() && !sameOrigin(next.get(), exchange.uri())) {
      throw unexpected(200, "the next page link points to another host; not followed");
    }
    return next;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Transport.hostOf(a).equals(Transport.hostOf(b))
        && a.getScheme().equalsIgnoreCase(b.getScheme());
  }

  private List<String> read(Exchange exchange) {
    JsonNode list = tree(exchange.result().body()).get(field);
    List<String> page = new ArrayList<>();
    if (list == null || list.isNull()) {
      return page;
    }
    if (!list.isArray()) {
      throw unexpected(200, "\"" + field + "\" in the response is not a list");
    }
    list.forEach(name -> page.add(name.asText()));
    return page;
  }

  private JsonNode tree(byte[] body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || !root.isObject()) {
        throw unexpected(200, "the " + field + " response is not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw unexpected(200, "the " + field + " response is not valid JSON");
    }
  }

  private AccessFailure unexpected(int status, String detail) {
    return new AccessFailure(
        AccessResult.builder(AccessOutcome.UNEXPECTED_RESPONSE, host, detail)
            .status(status)
            .build());
  }
}
