package io.github.pullsecrets.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/** Decodes one {@code auths} entry the way the kubelet does, noting where other tools differ. */
final class EntryDecoder {

  private static final String[] STRING_FIELDS = {
    "username", "password", "email", "auth", "identitytoken", "registrytoken", "serveraddress"
  };

  private final String key;
  private final ObjectNode json;
  private final Set<EntryWarning> warnings = EnumSet.noneOf(EntryWarning.class);

  private EntryDecoder(String key, ObjectNode json) {
    this.key = key;
    this.json = json;
  }

  static Entry decode(String key, JsonNode value) {
    if (!value.isObject()) {
      throw failure(key, "must be a JSON object");
    }
    return new EntryDecoder(key, (ObjectNode) value.deepCopy()).decode();
  }

  private Entry decode() {
    for (String field : STRING_FIELDS) {
      requireStringOrAbsent(field);
    }
    String username = text("username");
    String password = text("password");
    String auth = text("auth");
    if (!auth.isEmpty()) {
      String[] pair = decodeAuth(auth);
      noteOverride(username, password, pair);
      username = pair[0];
      password = pair[1];
    } else if (!username.isEmpty() || !password.isEmpty()) {
      warnings.add(EntryWarning.FIELDS_WITHOUT_AUTH);
    }
    return new Entry(key, credential(username, password), warnings, json);
  }

  private RegistryCredential credential(String username, String password) {
    String token = text("identitytoken");
    String email = text("email");
    if (!token.isEmpty()) {
      warnings.add(EntryWarning.IDENTITY_TOKEN);
      return RegistryCredential.withIdentityToken(key, username, token).withEmail(email);
    }
    if (username.isEmpty() && password.isEmpty()) {
      warnings.add(EntryWarning.NO_CREDENTIALS);
    } else if (username.isEmpty()) {
      warnings.add(EntryWarning.EMPTY_USERNAME);
    }
    return RegistryCredential.of(key, username, password).withEmail(email);
  }

  private String[] decodeAuth(String auth) {
    String trimmed = auth.replace("\r", "").replace("\n", "");
    if (!trimmed.strip().endsWith("=") && trimmed.length() % 4 != 0) {
      warnings.add(EntryWarning.UNPADDED_AUTH);
    }
    String decoded = new String(base64(trimmed), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw failure(key, "\"auth\" must be base64 of username:password, but has no colon");
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private byte[] base64(String auth) {
    try {
      return Base64.getDecoder().decode(auth);
    } catch (IllegalArgumentException e) {
      // The JDK's message quotes the offending character, which belongs to a secret: dropped.
      throw failure(key, "\"auth\" is not valid base64");
    }
  }

  private void noteOverride(String username, String password, String[] pair) {
    boolean fieldsSet = !username.isEmpty() || !password.isEmpty();
    if (fieldsSet && (!username.equals(pair[0]) || !password.equals(pair[1]))) {
      warnings.add(EntryWarning.AUTH_OVERRIDES_FIELDS);
    }
  }

  private void requireStringOrAbsent(String field) {
    JsonNode node = json.get(field);
    if (node != null && !node.isNull() && !node.isTextual()) {
      throw failure(key, "\"" + field + "\" must be a string, not " + node.getNodeType());
    }
  }

  private String text(String field) {
    JsonNode node = json.get(field);
    return node == null || node.isNull() ? "" : node.asText();
  }

  private static DockerConfigException failure(String key, String problem) {
    return new DockerConfigException("entry \"" + key + "\": " + problem, key);
  }
}
