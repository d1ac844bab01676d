package io.github.pullsecrets.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoJsonTest {

  @Test
  void indentsLikeKubectlPrintsASecret() throws IOException {
    String kubectl = resource("/vectors/kubectl-secret-namespace.v1.32.json");
    JsonNode tree = GoJson.mapper().readTree(kubectl);

    String printed = GoJson.indented(tree) + "\n";

    assertThat(printed).isEqualTo(kubectl);
  }

  @Test
  void escapesAsGoDoes() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("s", "a&b<c>d\"e\\f/g\t\n\r\b\f\u0001\u001b\u2028\u2029é✓😀\u007f");

    assertThat(GoJson.compact(node))
        .isEqualTo(
            "{\"s\":\"a\\u0026b\\u003cc\\u003ed\\\"e\\\\f/g\\t\\n\\r\\b\\f\\u0001\\u001b"
                + "\\u2028\\u2029é✓😀\u007f\"}");
  }

  @Test
  void printsEmptyContainersWithoutInnerSpace() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.putObject("o");
    node.putArray("a");
    node.putNull("n");

    assertThat(GoJson.indented(node))
        .isEqualTo("{\n    \"o\": {},\n    \"a\": [],\n    \"n\": null\n}");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GoJsonTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
