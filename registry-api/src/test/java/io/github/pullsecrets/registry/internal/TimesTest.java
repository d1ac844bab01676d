package io.github.pullsecrets.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {

  private static final Instant EXPIRY = Instant.parse("2027-03-03T10:00:00Z");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2027-03-03T10:00:00Z",
        "2027-03-03T10:00:00+00:00",
        "2027-03-03T10:00:00+0000",
        "2027-03-03T11:00:00+01:00",
        "2027-03-03T05:00:00-0500",
        "2027-03-03T10:00:00",
        "2027-03-03T10:00:00.000Z",
        "2027-03-03T10:00Z"
      })
  void everyFormTheApiSendsParsesToTheSameInstant(String text) {
    assertThat(Times.parse(text)).contains(EXPIRY);
  }

  @Test
  void garbageDoesNotParse() {
    assertThat(Times.parse("next tuesday")).isEmpty();
    assertThat(Times.parse("2027-13-03T10:00:00Z")).isEmpty();
  }

  @Test
  void formatIsCanonicalUtcWithoutFractions() {
    assertThat(Times.format(Instant.parse("2027-03-03T10:00:00.987Z")))
        .isEqualTo("2027-03-03T10:00:00Z");
  }

  @Test
  void scheduleTimesAreReadInUtc() {
    assertThat(Times.parseUtcTime("16:00:00Z")).contains(LocalTime.of(16, 0));
    assertThat(Times.parseUtcTime("03:30:00+02:00")).contains(LocalTime.of(1, 30));
    assertThat(Times.parseUtcTime("01:00:00")).contains(LocalTime.of(1, 0));
    assertThat(Times.formatUtcTime(LocalTime.of(1, 0))).isEqualTo("01:00:00+00:00");
  }
}
