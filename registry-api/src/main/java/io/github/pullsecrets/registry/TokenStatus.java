package io.github.pullsecrets.registry;

import java.util.Locale;

/** Whether a token can be used to log in. */
public enum TokenStatus {
  /** The token works. */
  ENABLED,
  /** The token exists but is refused. */
  DISABLED;

  /** Returns the wire form, {@code enabled} or {@code disabled}. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
