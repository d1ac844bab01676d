package io.github.pullsecrets.k8s;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The API server answered with an error {@code Status}, or with no usable answer. Carries the
 * request (method, path, namespace, name), the HTTP status and the {@code Status} fields (reason,
 * message, details kind and causes), and the {@code Audit-Id} of the request. Never carries the
 * token or a request or response body.
 *
 * <p>Branch on {@link #code()}, {@link #reason()} and {@link #causes()}, not on the message. Note
 * that a JSON patch whose {@code test} fails is answered with 422 {@code Invalid} and empty
 * details, the same as any other JSON patch failure.
 */
public final class KubeApiException extends KubernetesException {

  private static final long serialVersionUID = 1L;

  /** The parts of a failed exchange. */
  private final String method;

  private final String path;
  private final String namespace;
  private final String name;
  private final int code;
  private final String reason;
  private final String statusMessage;
  private final String detailsKind;
  private final List<StatusCause> causes;
  private final String auditId;

  private KubeApiException(Builder builder, Throwable cause) {
    super(describe(builder), cause);
    this.method = builder.method;
    this.path = builder.path;
    this.namespace = builder.namespace;
    this.name = builder.name;
    this.code = builder.code;
    this.reason = builder.reason;
    this.statusMessage = builder.statusMessage;
    this.detailsKind = builder.detailsKind;
    this.causes = List.copyOf(builder.causes);
    this.auditId = builder.auditId;
  }

  /**
   * Returns a builder for an exception about one request.
   *
   * @param method the HTTP method
   * @param path the request path without query
   * @return a new builder
   */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /** Returns the HTTP method of the failed request. */
  public String method() {
    return method;
  }

  /** Returns the request path, without query. */
  public String path() {
    return path;
  }

  /** Returns the namespace of the object, if the request had one. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** Returns the object name, if the request had one. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** Returns the HTTP status code, or 0 when no response arrived. */
  public int code() {
    return code;
  }

  /** Returns the {@code Status} reason ({@code NotFound}, {@code Conflict}, ...), or empty. */
  public String reason() {
    return reason;
  }

  /** Returns the {@code Status} message, or a description of the transport failure. */
  public String statusMessage() {
    return statusMessage;
  }

  /** Returns {@code details.kind}: a plural resource, or a Kind for {@code Invalid}; or empty. */
  public String detailsKind() {
    return detailsKind;
  }

  /** Returns {@code details.causes}, empty when the server sent none. */
  public List<StatusCause> causes() {
    return causes;
  }

  /** Returns the {@code Audit-Id} response header, if present. */
  public Optional<String> auditId() {
    return Optional.ofNullable(auditId);
  }

  /** Returns whether the object does not exist (404). */
  public boolean notFound() {
    return code == 404;
  }

  /** Returns whether the write lost a race or met a field manager conflict (409). */
  public boolean conflict() {
    return code == 409 && !"AlreadyExists".equals(reason);
  }

  /** Returns whether a create found the object already there (409 AlreadyExists). */
  public boolean alreadyExists() {
    return code == 409 && "AlreadyExists".equals(reason);
  }

  /** Returns whether the request was invalid (422), including a failed JSON patch {@code test}. */
  public boolean invalid() {
    return code == 422;
  }

  /** Returns whether a list {@code continue} token has expired (410). */
  public boolean expired() {
    return code == 410;
  }

  private static String describe(Builder builder) {
    StringBuilder text = new StringBuilder(builder.method).append(' ').append(builder.path);
    text.append(": ");
    text.append(builder.code == 0 ? "no response" : Integer.toString(builder.code));
    if (!builder.reason.isEmpty()) {
      text.append(' ').append(builder.reason);
    }
    if (!builder.statusMessage.isEmpty()) {
      text.append(": ").append(builder.statusMessage);
    }
    return text.toString();
  }

  /** Collects the parts of a {@link KubeApiException}. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String path;
    private String namespace;
    private String name;
    private int code;
    private String reason = "";
    private String statusMessage = "";
    private String detailsKind = "";
    private List<StatusCause> causes = List.of();
    private String auditId;

    private Builder(String method, String path) {
      this.method = Objects.requireNonNull(method, "method");
      this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Sets the namespace and name of the object the request was about.
     *
     * @param namespace the namespace, or empty for cluster-scoped objects
     * @param name the name, or empty for collections
     * @return this builder
     */
    public Builder object(String namespace, String name) {
      this.namespace = namespace.isEmpty() ? null : namespace;
      this.name = name.isEmpty() ? null : name;
      return this;
    }

    /**
     * Sets the HTTP status code.
     *
     * @param code the status code, 0 when no response arrived
     * @return this builder
     */
    public Builder code(int code) {
      this.code = code;
      return this;
    }

    /**
     * Sets the {@code Status} reason.
     *
     * @param reason the reason, possibly empty
     * @return this builder
     */
    public Builder reason(String reason) {
      this.reason = Objects.requireNonNull(reason, "reason");
      return this;
    }

    /**
     * Sets the {@code Status} message.
     *
     * @param statusMessage the message, possibly empty
     * @return this builder
     */
    public Builder statusMessage(String statusMessage) {
      this.statusMessage = Objects.requireNonNull(statusMessage, "statusMessage");
      return this;
    }

    /**
     * Sets {@code details.kind}.
     *
     * @param detailsKind the kind or plural resource, possibly empty
     * @return this builder
     */
    public Builder detailsKind(String detailsKind) {
      this.detailsKind = Objects.requireNonNull(detailsKind, "detailsKind");
      return this;
    }

    /**
     * Sets {@code details.causes}.
     *
     * @param causes the causes
     * @return this builder
     */
    public Builder causes(List<StatusCause> causes) {
      this.causes = List.copyOf(causes);
      return this;
    }

    /**
     * Sets the {@code Audit-Id} of the response.
     *
     * @param auditId the request id
     * @return this builder
     */
    public Builder auditId(String auditId) {
      this.auditId = Objects.requireNonNull(auditId, "auditId");
      return this;
    }

    /**
     * Builds the exception.
     *
     * @return the exception
     */
    public KubeApiException build() {
      return new KubeApiException(this, null);
    }

    /**
     * Builds the exception with the failure that caused it.
     *
     * @param cause the transport failure
     * @return the exception
     */
    public KubeApiException build(Throwable cause) {
      return new KubeApiException(this, cause);
    }
  }
}
