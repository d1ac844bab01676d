package io.github.pullsecrets.registry.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Date-time parsing that accepts every form the API is known to send ({@code Z}, {@code +00:00},
 * {@code +0000}, other offsets, fractions, or no zone at all, read as UTC), and formatting in the
 * one canonical form {@code yyyy-MM-dd'T'HH:mm:ss'Z'}.
 */
final class Times {

  private static final DateTimeFormatter LENIENT =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  private static final DateTimeFormatter CANONICAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  static Optional<Instant> parse(String text) {
    try {
      TemporalAccessor parsed = LENIENT.parse(text.trim());
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        return Optional.of(OffsetDateTime.from(parsed).toInstant());
      }
      return Optional.of(LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String format(Instant instant) {
    return CANONICAL.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  static Optional<LocalTime> parseUtcTime(String text) {
    try {
      return Optional.of(
          OffsetTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalTime());
    } catch (DateTimeParseException e) {
      return parseLocalTime(text);
    }
  }

  static String formatUtcTime(LocalTime time) {
    return time.format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "+00:00";
  }

  private static Optional<LocalTime> parseLocalTime(String text) {
    try {
      return Optional.of(LocalTime.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
