package io.github.pullsecrets.auth.internal.http;

import java.io.IOException;

/**
 * No usable response arrived: the connection failed, timed out or was reset, or the thread was
 * interrupted. Modules map it to their own public exception. Its message names the method, the path
 * and the kind of failure, never headers or bodies.
 */
public final class TransportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient OutgoingRequest request;

  /**
   * Creates the exception.
   *
   * @param request the request that failed
   * @param cause the I/O failure or the {@link InterruptedException}
   */
  public TransportException(OutgoingRequest request, Exception cause) {
    super(request + ": " + describe(cause), cause);
    this.request = request;
  }

  /** Returns the request that failed. */
  public OutgoingRequest request() {
    return request;
  }

  /** Returns whether the thread was interrupted rather than the connection failing. */
  public boolean interrupted() {
    return getCause() instanceof InterruptedException;
  }

  /** Returns whether the request timed out waiting for the response. */
  public boolean timedOut() {
    return getCause() instanceof java.net.http.HttpTimeoutException;
  }

  static String describe(Exception cause) {
    if (cause instanceof InterruptedException) {
      return "interrupted";
    }
    if (cause instanceof IOException && cause.getMessage() != null) {
      return cause.getClass().getSimpleName() + " (" + cause.getMessage() + ")";
    }
    return cause.getClass().getSimpleName();
  }
}
