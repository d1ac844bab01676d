package io.github.pullsecrets.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to create: name, location, garbage collection schedule, vulnerability scanning and the
 * networks allowed to reach the registry. Immutable; each method returns a changed copy.
 *
 * <p>Vulnerability scanning is a paid feature that the API switches on when a request does not
 * mention it, and that cannot be switched off afterwards. This spec therefore always sends an
 * explicit choice, {@code false} unless {@link #vulnerabilityScanning(boolean)} says otherwise.
 *
 * @param name the registry name: 3 to 63 of {@code a-z 0-9 -}, starting with a letter and ending
 *     with a letter or digit
 * @param location the location id, empty until set
 * @param garbageCollection the garbage collection schedule, if any
 * @param vulnerabilityScanning whether to enable the paid scanning feature
 * @param apiSubnetAllowList networks (CIDR or bare addresses) allowed to use the registry, at most
 *     25; empty means no restriction
 */
public record RegistrySpec(
    String name,
    String location,
    Optional<WeeklySchedule> garbageCollection,
    boolean vulnerabilityScanning,
    List<String> apiSubnetAllowList) {

  /** The registry name rule of the API. */
  public static final Pattern NAME = Pattern.compile("^[a-z][-a-z0-9]{1,61}[a-z0-9]$");

  /** Validates the components and copies the list. */
  public RegistrySpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 3-63 characters of a-z, 0-9 and '-', "
              + "start with a letter and end with a letter or digit: '"
              + name
              + "'");
    }
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(garbageCollection, "garbageCollection");
    apiSubnetAllowList = List.copyOf(apiSubnetAllowList);
    if (apiSubnetAllowList.size() > 25) {
      throw new IllegalArgumentException("apiSubnetAllowList holds at most 25 entries");
    }
  }

  /**
   * Starts a spec for a registry name, with no location yet.
   *
   * @param name the registry name
   * @return the spec
   * @throws IllegalArgumentException if the name breaks the naming rule
   */
  public static RegistrySpec named(String name) {
    return new RegistrySpec(name, "", Optional.empty(), false, List.of());
  }

  /**
   * Returns a copy for a location.
   *
   * @param location a location id from {@link ContainerRegistryClient#locations()}
   * @return the changed spec
   */
  public RegistrySpec location(String location) {
    return new RegistrySpec(
        name,
        requireText(location, "location"),
        garbageCollection,
        vulnerabilityScanning,
        apiSubnetAllowList);
  }

  /**
   * Returns a copy with a garbage collection schedule.
   *
   * @param schedule the schedule
   * @return the changed spec
   */
  public RegistrySpec garbageCollection(WeeklySchedule schedule) {
    return new RegistrySpec(
        name, location, Optional.of(schedule), vulnerabilityScanning, apiSubnetAllowList);
  }

  /**
   * Returns a copy with an explicit vulnerability scanning choice.
   *
   * @param enabled true to enable the paid feature, which cannot be switched off later
   * @return the changed spec
   */
  public RegistrySpec vulnerabilityScanning(boolean enabled) {
    return new RegistrySpec(name, location, garbageCollection, enabled, apiSubnetAllowList);
  }

  /**
   * Returns a copy that also allows a network.
   *
   * @param subnet a CIDR such as {@code 203.0.113.0/24} or a bare address
   * @return the changed spec
   */
  public RegistrySpec addApiSubnet(String subnet) {
    List<String> subnets = new ArrayList<>(apiSubnetAllowList);
    subnets.add(requireText(subnet, "subnet"));
    return new RegistrySpec(name, location, garbageCollection, vulnerabilityScanning, subnets);
  }

  static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }
}
