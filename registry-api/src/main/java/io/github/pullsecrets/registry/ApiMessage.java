package io.github.pullsecrets.registry;

import java.util.Objects;

/**
 * One entry of the {@code messages} array of an API error body.
 *
 * @param errorCode the API's error code, a string such as {@code "439"}, possibly empty
 * @param message the API's explanation, possibly empty
 */
public record ApiMessage(String errorCode, String message) {

  /** Validates the components. */
  public ApiMessage {
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(message, "message");
  }

  /** Returns {@code [errorCode] message}. */
  @Override
  public String toString() {
    return "[" + errorCode + "] " + message;
  }
}
