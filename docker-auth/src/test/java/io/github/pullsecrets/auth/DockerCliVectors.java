package io.github.pullsecrets.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the docker CLI recordings copied into the test resources ({@code docker-cli-*.txt}): what
 * {@code docker login ADDR} wrote, and what {@code docker login} did with a given config.json.
 */
final class DockerCliVectors {

  private static final Pattern USER_FOUND = Pattern.compile("\\[Username: ([^\\]]*)\\]");
  private static final Pattern REFUSED =
      Pattern.compile("WARNING: Error parsing config file \\([^)]*\\): (.*)");

  private DockerCliVectors() {}

  /** One {@code docker login ADDR}: the address typed and the config.json it left. */
  record LoginWrite(String address, String configJson) {
    @Override
    public String toString() {
      return address;
    }
  }

  /**
   * One {@code docker login KEY} run on a prepared config.json: the user name it found there, or
   * the reason it refused to read the file (exactly one of the two is non-empty).
   */
  record ConfigRead(String name, String configJson, String key, String user, String refusal) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<LoginWrite> loginWrites() {
    List<LoginWrite> cases = new ArrayList<>();
    for (List<String> section : sections(resource("docker-cli-login-writes.txt"))) {
      String address = section.get(0).substring("ADDR=".length()).split(" ", 2)[0];
      int start = section.indexOf("{");
      int end = section.indexOf("}");
      cases.add(new LoginWrite(address, String.join("\n", section.subList(start, end + 1))));
    }
    return cases;
  }

  static List<ConfigRead> configReads() {
    List<ConfigRead> cases = new ArrayList<>();
    for (List<String> section : sections(resource("docker-cli-config-read.txt"))) {
      String config = section.get(1).substring("config.json: ".length());
      String command = section.get(2).strip().substring("$ docker login ".length());
      String output = String.join("\n", section.subList(3, section.size()));
      cases.add(
          new ConfigRead(
              section.get(0),
              config,
              command.split(" ", 2)[0],
              group(USER_FOUND.matcher(output)),
              group(REFUSED.matcher(output))));
    }
    return cases;
  }

  private static String group(Matcher matcher) {
    return matcher.find() ? matcher.group(1).strip() : "";
  }

  /** Splits at lines starting with {@code ### }; each section starts with that line's rest. */
  private static List<List<String>> sections(String text) {
    List<List<String>> sections = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("### ")) {
        sections.add(new ArrayList<>(List.of(line.substring("### ".length()))));
      } else if (!sections.isEmpty()) {
        sections.get(sections.size() - 1).add(line);
      }
    }
    return sections;
  }

  private static String resource(String name) {
    try (InputStream in = DockerCliVectors.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /vectors/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
