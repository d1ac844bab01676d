package io.github.pullsecrets.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A partial change to a registry ({@code PATCH}): only the parts present are sent. An empty subnet
 * list is sent as {@code []}, which lifts every network restriction.
 *
 * @param garbageCollection a new schedule, if it changes
 * @param vulnerabilityScanning a new scanning choice, if it changes
 * @param apiSubnetAllowList a new allow list, if it changes
 */
public record RegistryUpdate(
    Optional<WeeklySchedule> garbageCollection,
    Optional<Boolean> vulnerabilityScanning,
    Optional<List<String>> apiSubnetAllowList) {

  /** Validates the components and copies the list. */
  public RegistryUpdate {
    Objects.requireNonNull(garbageCollection, "garbageCollection");
    Objects.requireNonNull(vulnerabilityScanning, "vulnerabilityScanning");
    apiSubnetAllowList = apiSubnetAllowList.map(List::copyOf);
  }

  /**
   * Returns an update that changes nothing yet.
   *
   * @return the empty update
   */
  public static RegistryUpdate empty() {
    return new RegistryUpdate(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a copy that sets the garbage collection schedule.
   *
   * @param schedule the new schedule
   * @return the changed update
   */
  public RegistryUpdate garbageCollection(WeeklySchedule schedule) {
    return new RegistryUpdate(Optional.of(schedule), vulnerabilityScanning, apiSubnetAllowList);
  }

  /**
   * Returns a copy that sets vulnerability scanning.
   *
   * @param enabled the new choice; the API cannot switch an enabled feature off
   * @return the changed update
   */
  public RegistryUpdate vulnerabilityScanning(boolean enabled) {
    return new RegistryUpdate(garbageCollection, Optional.of(enabled), apiSubnetAllowList);
  }

  /**
   * Returns a copy that replaces the allowed networks; an empty list allows all.
   *
   * @param subnets the new list, at most 25 entries
   * @return the changed update
   */
  public RegistryUpdate apiSubnetAllowList(List<String> subnets) {
    if (subnets.size() > 25) {
      throw new IllegalArgumentException("subnets holds at most 25 entries");
    }
    return new RegistryUpdate(garbageCollection, vulnerabilityScanning, Optional.of(subnets));
  }
}
