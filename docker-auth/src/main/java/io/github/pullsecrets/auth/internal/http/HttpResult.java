package io.github.pullsecrets.auth.internal.http;

import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * A response as received: status, headers and body bytes. {@link #toString()} shows the status
 * only, because bodies may hold one-time passwords.
 *
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the body bytes, possibly empty
 */
public record HttpResult(int status, HttpHeaders headers, byte[] body) {

  /** Validates the components. */
  public HttpResult {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /**
   * Returns the first value of a header, matched without regard to case.
   *
   * @param name the header name
   * @return the value, if present
   */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** Returns whether the status is in the 2xx range. */
  public boolean successful() {
    return status >= 200 && status < 300;
  }

  /** Returns the status only. */
  @Override
  public String toString() {
    return "HttpResult{status=" + status + "}";
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
