package io.github.pullsecrets.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.RegistryCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Renders the {@code kubernetes.io/dockerconfigjson} Secret that
 * {@code kubectl create secret docker-registry NAME --docker-server=... --dry-run=client -o json}
 * prints, for credentials made of plain characters (kubectl additionally escapes {@code & < >}).
 */
final class DockerConfigSecret {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DockerConfigSecret() {}

  /**
   * Returns the Secret as kubectl prints it, with the credential in its data.
   *
   * @param name the Secret name
   * @param namespace the namespace, or an empty string for none
   * @param credential the registry server, user name and password
   * @return the Secret JSON, newline-terminated
   */
  static String render(String name, String namespace, RegistryCredential credential) {
    return render(name, namespace, base64(dockerConfigJson(credential)));
  }

  /**
   * Returns the same Secret with the data replaced by a placeholder, safe to print.
   *
   * @param name the Secret name
   * @param namespace the namespace, or an empty string for none
   * @return the Secret JSON without secret data
   */
  static String redacted(String name, String namespace) {
    return render(name, namespace, "<redacted>");
  }

  private static String render(String name, String namespace, String data) {
    ObjectNode secret = MAPPER.createObjectNode();
    secret.put("kind", "Secret");
    secret.put("apiVersion", "v1");
    ObjectNode metadata = secret.putObject("metadata");
    metadata.put("name", name);
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    metadata.putNull("creationTimestamp");
    secret.putObject("data").put(".dockerconfigjson", data);
    secret.put("type", "kubernetes.io/dockerconfigjson");
    return write(secret) + "\n";
  }

  private static String dockerConfigJson(RegistryCredential credential) {
    ObjectNode config = MAPPER.createObjectNode();
    ObjectNode entry = config.putObject("auths").putObject(credential.server());
    entry.put("username", credential.username());
    entry.put("password", credential.password());
    entry.put("auth", base64(credential.username() + ":" + credential.password()));
    try {
      return MAPPER.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  private static String write(ObjectNode node) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("    ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
