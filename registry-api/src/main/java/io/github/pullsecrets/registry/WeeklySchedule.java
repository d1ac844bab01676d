package io.github.pullsecrets.registry;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When garbage collection runs: days of the week and a UTC time of day. The registry is read-only
 * while it runs.
 *
 * @param days the days, at least one
 * @param time the time of day in UTC, whole seconds
 */
public record WeeklySchedule(Set<DayOfWeek> days, LocalTime time) {

  /** Validates the components and copies the days. */
  public WeeklySchedule {
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(time, "time");
    if (days.isEmpty()) {
      throw new IllegalArgumentException("days must not be empty");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    time = time.withNano(0);
  }

  /**
   * Returns a schedule for the given days at a UTC time.
   *
   * @param time the time of day in UTC
   * @param days the days, at least one
   * @return the schedule
   */
  public static WeeklySchedule at(LocalTime time, DayOfWeek... days) {
    return new WeeklySchedule(Set.of(days), time);
  }
}
