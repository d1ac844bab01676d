package io.github.pullsecrets.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReadmeTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: ([a-z0-9-]+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

  @Test
  void showsTheCompiledSnippetsCharacterForCharacter() throws IOException {
    String readme = read(ROOT.resolve("README.md"));
    String source = read(sourceOf(ReadmeSnippets.class));
    Matcher snippets = SNIPPET.matcher(readme);
    List<String> names = new ArrayList<>();

    while (snippets.find()) {
      names.add(snippets.group(1));
      assertThat(snippets.group(2)).isEqualTo(region(source, snippets.group(1)));
    }

    assertThat(names)
        .containsExactlyInAnyOrder(
            "docker-auth",
            "registry-access",
            "registry-api",
            "k8s-secrets",
            "k8s-cluster",
            "docker-push",
            "rotation");
  }

  @Test
  void startsWithTheQuickstartAndTheTestCommand() throws IOException {
    Matcher blocks = SH_BLOCK.matcher(read(ROOT.resolve("README.md")));
    List<String> commands = new ArrayList<>();
    while (blocks.find() && commands.size() < 2) {
      commands.add(blocks.group(1));
    }

    assertThat(commands)
        .containsExactly(
            "./mvnw -B -q -DskipTests package && java -jar"
                + " examples/target/pullsecrets-examples.jar\n",
            "./mvnw -B verify\n");
  }

  private static String region(String source, String name) {
    int start = source.indexOf("// [START " + name + "]\n");
    int end = source.indexOf("// [END " + name + "]");
    assertThat(start).as("region %s in ReadmeSnippets", name).isNotNegative();
    String body = source.substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end));
    return dedent(body) + "\n";
  }

  private static String dedent(String body) {
    int indent = Integer.MAX_VALUE;
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : body.split("\n", -1)) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  private static Path sourceOf(Class<?> type) {
    return Path.of("src/main/java", type.getName().replace('.', '/') + ".java");
  }

  private static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
