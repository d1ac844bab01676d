package io.github.pullsecrets.auth.internal.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code WWW-Authenticate} headers (RFC 9110 §11.6.1): several challenges per header and
 * several headers, case-insensitive schemes, parameters as tokens or quoted strings with backslash
 * escapes, commas and spaces inside quoted values, and {@code token68} credentials.
 */
public final class Challenges {

  private static final int MAX_LENGTH = 16 * 1024;
  private static final String TCHARS = "!#$%&'*+-.^_`|~";
  private static final String TOKEN68_CHARS = "-._~+/";

  private final String text;
  private int pos;

  private Challenges(String text) {
    this.text = text;
  }

  /**
   * Parses every challenge of every header value, in order.
   *
   * @param headerValues the values of all {@code WWW-Authenticate} headers of a response
   * @return the challenges, possibly empty
   * @throws MalformedResponseException if a value is not valid challenge syntax
   */
  public static List<Challenge> parse(List<String> headerValues) {
    List<Challenge> challenges = new ArrayList<>();
    for (String value : headerValues) {
      challenges.addAll(parse(value));
    }
    return List.copyOf(challenges);
  }

  /**
   * Parses the challenges of one header value.
   *
   * @param headerValue the header value
   * @return the challenges, possibly empty
   * @throws MalformedResponseException if the value is not valid challenge syntax
   */
  public static List<Challenge> parse(String headerValue) {
    if (headerValue.length() > MAX_LENGTH) {
      throw new MalformedResponseException(
          "WWW-Authenticate header is longer than " + MAX_LENGTH + " characters");
    }
    return new Challenges(headerValue).challenges();
  }

  /**
   * Returns the first challenge of a scheme.
   *
   * @param challenges parsed challenges
   * @param scheme the scheme, any case
   * @return the first challenge of that scheme, if any
   */
  public static Optional<Challenge> first(List<Challenge> challenges, String scheme) {
    String wanted = scheme.toLowerCase(Locale.ROOT);
    return challenges.stream().filter(c -> c.scheme().equals(wanted)).findFirst();
  }

  private List<Challenge> challenges() {
    List<Challenge> challenges = new ArrayList<>();
    skipSeparators();
    while (pos < text.length()) {
      challenges.add(challenge());
      skipSeparators();
    }
    return challenges;
  }

  private Challenge challenge() {
    String scheme = token("an authentication scheme");
    Map<String, String> parameters = new LinkedHashMap<>();
    skipSpaces();
    if (token68Follows()) {
      skipToken68();
      requireChallengeEnd();
      return new Challenge(scheme, parameters);
    }
    while (parameterFollows()) {
      addParameter(parameters);
      skipSpaces();
      if (!consume(',')) {
        requireChallengeEnd();
        return new Challenge(scheme, parameters);
      }
      skipSeparators();
    }
    if (parameters.isEmpty()) {
      requireChallengeEnd();
    }
    return new Challenge(scheme, parameters);
  }

  private void addParameter(Map<String, String> parameters) {
    int start = pos;
    String name = token("a parameter name").toLowerCase(Locale.ROOT);
    skipSpaces();
    expect('=');
    skipSpaces();
    boolean quoted = pos < text.length() && peek() == '"';
    String value = quoted ? quoted() : token("a parameter value");
    if (parameters.putIfAbsent(name, value) != null) {
      throw failure("parameter \"" + name + "\" appears twice", start);
    }
  }

  private boolean parameterFollows() {
    int save = pos;
    boolean isParameter = pos < text.length() && isTchar(peek()) && nameThenEquals();
    pos = save;
    return isParameter;
  }

  private boolean nameThenEquals() {
    while (pos < text.length() && isTchar(peek())) {
      pos++;
    }
    skipSpaces();
    return consume('=');
  }

  private boolean token68Follows() {
    int end = pos;
    while (end < text.length() && isToken68Char(text.charAt(end))) {
      end++;
    }
    int afterEquals = end;
    while (afterEquals < text.length() && text.charAt(afterEquals) == '=') {
      afterEquals++;
    }
    return end > pos && followedByChallengeEnd(afterEquals) && (afterEquals > end || noEquals(end));
  }

  private boolean noEquals(int end) {
    return end == text.length() || text.charAt(end) != '=';
  }

  private boolean followedByChallengeEnd(int index) {
    int i = index;
    while (i < text.length() && isSpace(text.charAt(i))) {
      i++;
    }
    return i == text.length() || text.charAt(i) == ',';
  }

  private void skipToken68() {
    while (pos < text.length() && (isToken68Char(peek()) || peek() == '=')) {
      pos++;
    }
  }

  private void requireChallengeEnd() {
    skipSpaces();
    if (pos < text.length() && peek() != ',') {
      throw failure("expected ',' or the end, found " + describe(peek()), pos);
    }
  }

  private String quoted() {
    int start = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      requireQuotable(c, pos - 1);
      value.append(c);
    }
    throw failure("quoted value is not closed", start);
  }

  private void requireQuotable(char c, int at) {
    if ((c < 0x20 && c != '\t') || c == 0x7f) {
      throw failure("control character in a quoted value", at);
    }
  }

  private String token(String what) {
    int start = pos;
    while (pos < text.length() && isTchar(peek())) {
      pos++;
    }
    if (pos == start) {
      throw failure("expected " + what, start);
    }
    return text.substring(start, pos);
  }

  private void expect(char c) {
    if (!consume(c)) {
      throw failure("expected '" + c + "'", pos);
    }
  }

  private boolean consume(char c) {
    if (pos < text.length() && peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void skipSpaces() {
    while (pos < text.length() && isSpace(peek())) {
      pos++;
    }
  }

  private void skipSeparators() {
    while (pos < text.length() && (isSpace(peek()) || peek() == ',')) {
      pos++;
    }
  }

  private char peek() {
    return text.charAt(pos);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isTchar(char c) {
    return isAlphanumeric(c) || TCHARS.indexOf(c) >= 0;
  }

  private static boolean isToken68Char(char c) {
    return isAlphanumeric(c) || TOKEN68_CHARS.indexOf(c) >= 0;
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String describe(char c) {
    return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private static MalformedResponseException failure(String problem, int at) {
    return new MalformedResponseException(
        "WWW-Authenticate header: " + problem + " at character " + (at + 1));
  }
}
