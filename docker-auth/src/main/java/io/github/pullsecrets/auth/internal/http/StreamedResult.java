package io.github.pullsecrets.auth.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful response whose body is still on the wire: status, headers and the open stream. The
 * caller reads and closes it. {@link #toString()} shows the status only.
 *
 * @param status the HTTP status code, 2xx
 * @param headers the response headers
 * @param body the open body stream
 */
public record StreamedResult(int status, HttpHeaders headers, InputStream body)
    implements AutoCloseable {

  /** Validates the components. */
  public StreamedResult {
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

  /** Closes the body stream, which releases the connection. */
  @Override
  public void close() throws IOException {
    body.close();
  }

  /** Returns the status only. */
  @Override
  public String toString() {
    return "StreamedResult{status=" + status + "}";
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
