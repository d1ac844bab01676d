package io.github.pullsecrets.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository in a registry, with its counters.
 *
 * @param name the repository name, such as {@code shop/api}
 * @param artifactCount how many artifacts it holds
 * @param pullCount how many times it was pulled
 * @param pushCount how many times it was pushed to
 * @param lastPushedAt the last push, if any
 * @param lastPulledAt the last pull, if any
 * @param lastSeverity the highest vulnerability severity of its newest scan, if scanned
 */
public record Repository(
    String name,
    long artifactCount,
    long pullCount,
    long pushCount,
    Optional<Instant> lastPushedAt,
    Optional<Instant> lastPulledAt,
    Optional<String> lastSeverity) {

  /** Validates the components. */
  public Repository {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lastPushedAt, "lastPushedAt");
    Objects.requireNonNull(lastPulledAt, "lastPulledAt");
    Objects.requireNonNull(lastSeverity, "lastSeverity");
  }
}
