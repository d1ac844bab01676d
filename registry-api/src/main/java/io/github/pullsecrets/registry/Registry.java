package io.github.pullsecrets.registry;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A container registry as the API describes it.
 *
 * @param id the registry id, a UUID
 * @param name the registry name, which becomes the first label of its hostname
 * @param location the location id, such as {@code de/fra}
 * @param hostname the login server, such as {@code team.cr.de-fra.ionos.com}; empty until the
 *     registry has been provisioned
 * @param garbageCollection the garbage collection schedule, if one is set
 * @param vulnerabilityScanning whether the paid vulnerability scanning feature is on
 * @param apiSubnetAllowList the networks allowed to use the registry; empty means all
 * @param storageBytes the bytes stored, as last measured
 * @param metadata state, creator and dates
 */
public record Registry(
    String id,
    String name,
    String location,
    Optional<String> hostname,
    Optional<WeeklySchedule> garbageCollection,
    boolean vulnerabilityScanning,
    List<String> apiSubnetAllowList,
    long storageBytes,
    ResourceMetadata metadata) {

  /** Validates the components and copies the list. */
  public Registry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(garbageCollection, "garbageCollection");
    apiSubnetAllowList = List.copyOf(apiSubnetAllowList);
    Objects.requireNonNull(metadata, "metadata");
  }

  /** Returns the API's state string, such as {@code New}, {@code WaitingForStorage}. */
  public String state() {
    return metadata.state();
  }

  /** Returns whether the registry is running and has its hostname, ready for tokens. */
  public boolean ready() {
    return state().equalsIgnoreCase("Running") && hostname.isPresent();
  }

  /** Returns whether the registry is in one of the failed states. */
  public boolean failed() {
    return state().toUpperCase(Locale.ROOT).startsWith("FAILED");
  }
}
