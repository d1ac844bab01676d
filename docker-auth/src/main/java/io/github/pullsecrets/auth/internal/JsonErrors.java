package io.github.pullsecrets.auth.internal;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Describes where a JSON parse failed without repeating the parser's message, which can quote
 * document text and so a secret.
 */
public final class JsonErrors {

  private JsonErrors() {}

  /**
   * Returns {@code " (line L, column C)"} for a parse failure, or an empty string when the parser
   * gave no location.
   *
   * @param e the parse failure
   * @return the location text, starting with a space when present
   */
  public static String where(JsonProcessingException e) {
    if (e.getLocation() == null) {
      return "";
    }
    return " (line "
        + e.getLocation().getLineNr()
        + ", column "
        + e.getLocation().getColumnNr()
        + ")";
  }
}
