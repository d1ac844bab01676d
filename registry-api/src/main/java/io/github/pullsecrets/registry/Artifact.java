package io.github.pullsecrets.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An artifact (an image manifest or another OCI artifact) in a repository.
 *
 * @param repositoryName the repository it is in
 * @param digest its content digest, such as {@code sha256:...}
 * @param mediaType its manifest media type
 * @param tags the tags pointing at it, possibly none
 * @param pushCount how many times it was pushed
 * @param pullCount how many times it was pulled
 * @param lastPushedAt the last push, if known
 * @param lastPulledAt the last pull, if any
 * @param maxSeverity the highest vulnerability severity found, if scanned
 * @param vulnerabilityCount how many vulnerabilities were found
 * @param fixableCount how many of them have a fix
 */
public record Artifact(
    String repositoryName,
    String digest,
    String mediaType,
    List<String> tags,
    long pushCount,
    long pullCount,
    Optional<Instant> lastPushedAt,
    Optional<Instant> lastPulledAt,
    Optional<String> maxSeverity,
    long vulnerabilityCount,
    long fixableCount) {

  /** Validates the components and copies the list. */
  public Artifact {
    Objects.requireNonNull(repositoryName, "repositoryName");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    tags = List.copyOf(tags);
    Objects.requireNonNull(lastPushedAt, "lastPushedAt");
    Objects.requireNonNull(lastPulledAt, "lastPulledAt");
    Objects.requireNonNull(maxSeverity, "maxSeverity");
  }
}
