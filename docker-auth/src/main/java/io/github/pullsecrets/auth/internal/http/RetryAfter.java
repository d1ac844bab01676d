package io.github.pullsecrets.auth.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delay seconds or an HTTP date (RFC 9110 §10.2.3). */
public final class RetryAfter {

  private RetryAfter() {}

  /**
   * Returns how long the server asks the client to wait, never negative.
   *
   * @param value the header value
   * @param clock the clock to measure an HTTP date against
   * @return the wait, or empty if the value is neither form
   */
  public static Optional<Duration> parse(String value, Clock clock) {
    String trimmed = value.trim();
    if (trimmed.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
    }
    return parseDate(trimmed).map(date -> nonNegative(Duration.between(clock.instant(), date)));
  }

  private static Optional<Instant> parseDate(String value) {
    try {
      return Optional.of(
          ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
