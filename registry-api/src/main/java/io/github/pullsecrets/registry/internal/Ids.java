package io.github.pullsecrets.registry.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/** Checks the UUID ids of registries and tokens before they go into a path. */
final class Ids {

  private static final Pattern UUID =
      Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

  private Ids() {}

  static boolean isUuid(String value) {
    return UUID.matcher(value).matches();
  }

  static String requireUuid(String value, String name) {
    Objects.requireNonNull(value, name);
    if (!isUuid(value)) {
      throw new IllegalArgumentException(name + " must be a UUID: '" + value + "'");
    }
    return value;
  }

  static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }
}
