package io.github.pullsecrets.auth.internal;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Prints JSON the way Go's {@code encoding/json} does, so that our output is byte-identical to
 * kubectl's.
 *
 * <p>Go escapes {@code &}, {@code <} and {@code >} as <code>&#92;u0026</code>, <code>&#92;u003c
 * </code> and <code>&#92;u003e</code>, escapes U+2028 and U+2029, writes {@code \t}, {@code \n},
 * {@code \r}, {@code \b} and {@code \f} (Go 1.22 and later) in short form and other control
 * characters as <code>&#92;u00XX</code> with lower-case hex, and leaves every other non-ASCII
 * character as raw UTF-8. Jackson does the printing; this class only configures its escapes and its
 * pretty printer.
 */
public final class GoJson {

  private static final ObjectMapper MAPPER = newMapper();
  private static final ObjectWriter COMPACT = MAPPER.writer();
  private static final ObjectWriter INDENTED = MAPPER.writer(marshalIndentPrinter("    "));
  private static final ObjectWriter TAB_INDENTED = MAPPER.writer(marshalIndentPrinter("\t"));

  private GoJson() {}

  /** Returns the mapper that reads JSON for the SDK: no source text in error locations. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Prints a tree as Go's {@code json.Marshal} does: compact, Go escaping.
   *
   * @param tree the tree to print
   * @return the JSON text, without a trailing newline
   */
  public static String compact(JsonNode tree) {
    return write(COMPACT, tree);
  }

  /**
   * Prints a tree as Go's {@code json.MarshalIndent(v, "", " ")} does: four-space indent, {@code
   * "key": value}, {@code {}} and {@code []} for empty containers, Go escaping.
   *
   * @param tree the tree to print
   * @return the JSON text, without a trailing newline
   */
  public static String indented(JsonNode tree) {
    return write(INDENTED, tree);
  }

  /**
   * Prints a tree as Go's {@code json.MarshalIndent(v, "", "\t")} does, as the docker CLI writes
   * {@code config.json}: tab indent, otherwise as {@link #indented(JsonNode)}.
   *
   * @param tree the tree to print
   * @return the JSON text, without a trailing newline
   */
  public static String tabIndented(JsonNode tree) {
    return write(TAB_INDENTED, tree);
  }

  private static String write(ObjectWriter writer, JsonNode tree) {
    try {
      StringWriter out = new StringWriter();
      writer.writeValue(out, tree);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("could not print JSON", e);
    }
  }

  private static ObjectMapper newMapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION.mappedFeature());
    mapper.getFactory().setCharacterEscapes(new GoEscapes());
    return mapper;
  }

  private static DefaultPrettyPrinter marshalIndentPrinter(String indent) {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }

  /** The escapes of Go's {@code encoding/json} with HTML escaping on, as kubectl prints. */
  private static final class GoEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private final int[] asciiEscapes = asciiEscapes();

    @Override
    public int[] getEscapeCodesForAscii() {
      return asciiEscapes.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      switch (ch) {
        case '\t':
          return new SerializedString("\\t");
        case '\n':
          return new SerializedString("\\n");
        case '\r':
          return new SerializedString("\\r");
        case '\b':
          return new SerializedString("\\b");
        case '\f':
          return new SerializedString("\\f");
        case '"':
          return new SerializedString("\\\"");
        case '\\':
          return new SerializedString("\\\\");
        default:
          return unicodeEscape(ch);
      }
    }

    private static SerializableString unicodeEscape(int ch) {
      if (ch < 0x80 || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }

    private static int[] asciiEscapes() {
      int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
      for (int ch = 0; ch < 0x20; ch++) {
        escapes[ch] = CharacterEscapes.ESCAPE_CUSTOM;
      }
      escapes['&'] = CharacterEscapes.ESCAPE_CUSTOM;
      escapes['<'] = CharacterEscapes.ESCAPE_CUSTOM;
      escapes['>'] = CharacterEscapes.ESCAPE_CUSTOM;
      return escapes;
    }
  }
}
