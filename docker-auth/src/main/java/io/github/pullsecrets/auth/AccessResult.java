package io.github.pullsecrets.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The answer of a registry to one access check: the {@link AccessOutcome}, the host asked, a
 * sentence that explains it, and what the registry sent: HTTP status, its error codes and, for a
 * manifest, digest and media type. Immutable; never holds a password or token.
 */
public final class AccessResult {

  private final AccessOutcome outcome;
  private final String host;
  private final String detail;
  private final int status;
  private final List<String> errorCodes;
  private final NoAccessReason noAccessReason;
  private final String digest;
  private final String mediaType;

  private AccessResult(Builder builder) {
    this.outcome = Objects.requireNonNull(builder.outcome, "outcome");
    this.host = Objects.requireNonNull(builder.host, "host");
    this.detail = Objects.requireNonNull(builder.detail, "detail");
    this.status = builder.status;
    this.errorCodes = List.copyOf(builder.errorCodes);
    this.noAccessReason = builder.noAccessReason;
    this.digest = builder.digest;
    this.mediaType = builder.mediaType;
  }

  /**
   * Returns a builder for a result.
   *
   * @param outcome the outcome
   * @param host the registry host, {@code host[:port]}
   * @param detail a sentence explaining the outcome, free of secrets
   * @return a new builder
   */
  public static Builder builder(AccessOutcome outcome, String host, String detail) {
    return new Builder(outcome, host, detail);
  }

  /** Returns the outcome. */
  public AccessOutcome outcome() {
    return outcome;
  }

  /** Returns whether the registry allowed the operation. */
  public boolean ok() {
    return outcome == AccessOutcome.OK;
  }

  /** Returns the registry host that was asked, {@code host[:port]}. */
  public String host() {
    return host;
  }

  /** Returns a sentence explaining the outcome. */
  public String detail() {
    return detail;
  }

  /** Returns the HTTP status of the response that decided the outcome, if there was one. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** Returns the error codes of the registry's error body, such as {@code MANIFEST_UNKNOWN}. */
  public List<String> errorCodes() {
    return errorCodes;
  }

  /** Returns how access was refused, when the outcome is {@link AccessOutcome#NO_ACCESS}. */
  public Optional<NoAccessReason> noAccessReason() {
    return Optional.ofNullable(noAccessReason);
  }

  /** Returns the manifest digest ({@code Docker-Content-Digest}) of a successful pull check. */
  public Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /** Returns the manifest media type ({@code Content-Type}) of a successful pull check. */
  public Optional<String> mediaType() {
    return Optional.ofNullable(mediaType);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(outcome.name()).append(" from ").append(host);
    status().ifPresent(s -> text.append(" (HTTP ").append(s).append(')'));
    noAccessReason().ifPresent(r -> text.append(' ').append(r));
    if (!errorCodes.isEmpty()) {
      text.append(' ').append(errorCodes);
    }
    digest().ifPresent(d -> text.append(' ').append(d));
    return text.append(": ").append(detail).toString();
  }

  /** Collects the parts of an {@link AccessResult}. Not thread-safe. */
  public static final class Builder {
    private final AccessOutcome outcome;
    private final String host;
    private final String detail;
    private int status;
    private List<String> errorCodes = List.of();
    private NoAccessReason noAccessReason;
    private String digest;
    private String mediaType;

    private Builder(AccessOutcome outcome, String host, String detail) {
      this.outcome = Objects.requireNonNull(outcome, "outcome");
      this.host = Objects.requireNonNull(host, "host");
      this.detail = Objects.requireNonNull(detail, "detail");
    }

    /**
     * Sets the HTTP status that decided the outcome.
     *
     * @param status the status, 100 to 599
     * @return this builder
     */
    public Builder status(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be 100 to 599: " + status);
      }
      this.status = status;
      return this;
    }

    /**
     * Sets the registry's error codes.
     *
     * @param errorCodes the codes, in the order the body lists them
     * @return this builder
     */
    public Builder errorCodes(List<String> errorCodes) {
      this.errorCodes = List.copyOf(errorCodes);
      return this;
    }

    /**
     * Sets how access was refused.
     *
     * @param noAccessReason the reason
     * @return this builder
     */
    public Builder noAccessReason(NoAccessReason noAccessReason) {
      this.noAccessReason = Objects.requireNonNull(noAccessReason, "noAccessReason");
      return this;
    }

    /**
     * Sets the manifest found.
     *
     * @param digest the {@code Docker-Content-Digest}
     * @param mediaType the {@code Content-Type}
     * @return this builder
     */
    public Builder manifest(String digest, String mediaType) {
      this.digest = Objects.requireNonNull(digest, "digest");
      this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the result
     */
    public AccessResult build() {
      return new AccessResult(this);
    }
  }
}
