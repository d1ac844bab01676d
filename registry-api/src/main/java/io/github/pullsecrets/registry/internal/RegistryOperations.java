package io.github.pullsecrets.registry.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.registry.Location;
import io.github.pullsecrets.registry.NameAvailability;
import io.github.pullsecrets.registry.Registries;
import io.github.pullsecrets.registry.Registry;
import io.github.pullsecrets.registry.RegistrySpec;
import io.github.pullsecrets.registry.RegistryUpdate;
import io.github.pullsecrets.registry.RegistryWaitException;
import io.github.pullsecrets.registry.ResourceNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** {@link Registries} over the management API. */
public final class RegistryOperations implements Registries {

  private static final String PAGE_SIZE = "100";

  private final ApiClient api;
  private final Waiter waiter;

  /**
   * Creates the operations.
   *
   * @param api the API client
   * @param pollInterval the pause between reads while waiting
   */
  public RegistryOperations(ApiClient api, Duration pollInterval) {
    this.api = api;
    this.waiter = new Waiter(api.clock(), api.sleeper(), pollInterval);
  }

  /**
   * Lists the locations where registries can be created.
   *
   * @return the locations
   */
  public List<Location> locations() {
    return api.get("/locations", Map.of()).map("items", item -> new Location(item.text("id")));
  }

  /**
   * Checks a registry name: locally against the naming rule, then with {@code HEAD /names}.
   *
   * @param name the desired name
   * @return available (404), taken (200) or invalid (400 or local rule)
   */
  public NameAvailability nameAvailability(String name) {
    if (!RegistrySpec.NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
      return NameAvailability.INVALID;
    }
    ApiClient.Exchange exchange =
        api.exchange("HEAD", ApiClient.path("names", name), Map.of(), null);
    switch (exchange.status()) {
      case 404:
        return NameAvailability.AVAILABLE;
      case 200:
        return NameAvailability.TAKEN;
      case 400:
        return NameAvailability.INVALID;
      default:
        exchange.requireSuccess();
        throw exchange.context().malformed("HEAD /names answered with an undocumented status");
    }
  }

  @Override
  public Registry create(RegistrySpec spec) {
    return Convert.registry(api.call("POST", "/registries", Map.of(), body(spec)));
  }

  @Override
  public Registry replace(String registryId, RegistrySpec spec) {
    return Convert.registry(api.call("PUT", path(registryId), Map.of(), body(spec)));
  }

  @Override
  public Registry get(String registryId) {
    return Convert.registry(api.get(path(registryId), Map.of()));
  }

  @Override
  public Stream<Registry> list() {
    return list("");
  }

  @Override
  public Stream<Registry> list(String nameFilter) {
    Objects.requireNonNull(nameFilter, "nameFilter");
    return Pages.stream(cursor -> page(nameFilter, cursor), Registry::id, "GET /registries");
  }

  @Override
  public Registry update(String registryId, RegistryUpdate update) {
    ObjectNode body = api.newObject();
    update.garbageCollection().ifPresent(schedule -> Convert.scheduleJson(body, schedule));
    update.vulnerabilityScanning().ifPresent(enabled -> scanning(body, enabled));
    update
        .apiSubnetAllowList()
        .ifPresent(list -> list.forEach(body.putArray("apiSubnetAllowList")::add));
    return Convert.registry(api.call("PATCH", path(registryId), Map.of(), body));
  }

  @Override
  public void delete(String registryId) {
    api.callWithoutResult("DELETE", path(registryId));
  }

  @Override
  public Registry awaitRunning(String registryId, Duration timeout) {
    Instant deadline = waiter.deadline(timeout);
    while (true) {
      Registry registry = get(registryId);
      if (registry.ready()) {
        return registry;
      }
      if (registry.failed()) {
        throw new RegistryWaitException(
            registryId,
            registry.state(),
            "registry " + registryId + " reached the failed state " + registry.state());
      }
      waiter.pause(deadline, timeout, registryId, registry.state(), "Running with a hostname");
    }
  }

  @Override
  public void awaitDeleted(String registryId, Duration timeout) {
    Instant deadline = waiter.deadline(timeout);
    while (true) {
      String state;
      try {
        state = get(registryId).state();
      } catch (ResourceNotFoundException gone) {
        return;
      }
      waiter.pause(deadline, timeout, registryId, state, "deleted");
    }
  }

  private Pages.Page<Registry> page(String nameFilter, String cursor) {
    Map<String, String> query = new LinkedHashMap<>();
    if (!nameFilter.isEmpty()) {
      query.put("filter.name", nameFilter);
    }
    query.put("limit", PAGE_SIZE);
    if (!cursor.isEmpty()) {
      query.put("pagination.token", cursor);
    }
    JsonView json = api.get("/registries", query);
    List<Registry> items = json.map("items", Convert::registry);
    String next = json.optObject("pagination").flatMap(p -> p.optText("token")).orElse("");
    return new Pages.Page<>(items, items.isEmpty() ? "" : next);
  }

  private ObjectNode body(RegistrySpec spec) {
    if (spec.location().isEmpty()) {
      throw new IllegalArgumentException("spec has no location: call location(...) first");
    }
    ObjectNode body = api.newObject();
    ObjectNode properties = body.putObject("properties");
    properties.put("name", spec.name());
    properties.put("location", spec.location());
    spec.garbageCollection().ifPresent(schedule -> Convert.scheduleJson(properties, schedule));
    scanning(properties, spec.vulnerabilityScanning());
    if (!spec.apiSubnetAllowList().isEmpty()) {
      spec.apiSubnetAllowList().forEach(properties.putArray("apiSubnetAllowList")::add);
    }
    return body;
  }

  private static void scanning(ObjectNode parent, boolean enabled) {
    parent.putObject("features").putObject("vulnerabilityScanning").put("enabled", enabled);
  }

  private static String path(String registryId) {
    return ApiClient.path("registries", Ids.requireUuid(registryId, "registryId"));
  }
}
