package io.github.pullsecrets.k8s.internal;

/** Quotes a string the way Go's {@code %q} verb does, as the API server's messages show values. */
final class GoQuote {

  private GoQuote() {}

  /** Returns the value in double quotes with Go's escapes. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    value.codePoints().forEach(codePoint -> append(out, codePoint));
    return out.append('"').toString();
  }

  private static void append(StringBuilder out, int codePoint) {
    switch (codePoint) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> appendOther(out, codePoint);
    }
  }

  private static void appendOther(StringBuilder out, int codePoint) {
    if (codePoint < 0x20 || codePoint == 0x7f) {
      out.append(String.format("\\x%02x", codePoint));
    } else if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
      out.append(String.format(codePoint > 0xffff ? "\\U%08x" : "\\u%04x", codePoint));
    } else {
      out.appendCodePoint(codePoint);
    }
  }
}
