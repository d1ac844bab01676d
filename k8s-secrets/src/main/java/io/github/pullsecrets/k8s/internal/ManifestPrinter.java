package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/**
 * Prints trees as YAML or JSON through Jackson.
 *
 * <p>YAML: block style, sequences under a key not indented (as kubectl prints them), multi-line
 * strings as literal blocks, no line folding, and strings quoted only where a YAML 1.1 or 1.2
 * reader could take them for another type (see {@link KubernetesQuoting}). JSON: four-space
 * indentation and {@code "key": value}, as kubectl prints it.
 */
public final class ManifestPrinter {

  private static final ObjectMapper YAML_MAPPER = new YAMLMapper(yamlFactory());
  private static final ObjectWriter JSON_WRITER = new ObjectMapper().writer(jsonPrettyPrinter());

  private ManifestPrinter() {}

  /**
   * Returns the tree as one YAML document without a {@code ---} marker, ending in a newline.
   *
   * @param tree the tree
   * @return the YAML text
   */
  public static String yaml(JsonNode tree) {
    return write(YAML_MAPPER.writer(), tree);
  }

  /**
   * Returns the tree as indented JSON without a trailing newline.
   *
   * @param tree the tree
   * @return the JSON text
   */
  public static String json(JsonNode tree) {
    return write(JSON_WRITER, tree);
  }

  private static String write(ObjectWriter writer, JsonNode tree) {
    try {
      return writer.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot print a manifest tree", e);
    }
  }

  private static YAMLFactory yamlFactory() {
    return YAMLFactory.builder()
        .stringQuotingChecker(new KubernetesQuoting())
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .disable(YAMLGenerator.Feature.SPLIT_LINES)
        .build();
  }

  private static DefaultPrettyPrinter jsonPrettyPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }
}
