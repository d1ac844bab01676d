package io.github.pullsecrets.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a Docker credentials document: its key, the credential it holds, and what other
 * tools would do differently with it. {@link #toString()} never shows a secret.
 */
public final class Entry {

  private final String key;
  private final RegistryCredential credential;
  private final Set<EntryWarning> warnings;
  private final ObjectNode json;

  Entry(String key, RegistryCredential credential, Set<EntryWarning> warnings, ObjectNode json) {
    this.key = Objects.requireNonNull(key, "key");
    this.credential = Objects.requireNonNull(credential, "credential");
    this.warnings = warnings.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(warnings));
    this.json = json;
  }

  static Entry of(RegistryCredential credential) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    putIfNotEmpty(json, "username", credential.username());
    putIfNotEmpty(json, "password", credential.password());
    putIfNotEmpty(json, "email", credential.email().orElse(""));
    json.put("auth", encodeAuth(credential.username(), credential.password()));
    credential.identityToken().ifPresent(token -> json.put("identitytoken", token));
    return new Entry(credential.server(), credential, Set.of(), json);
  }

  /**
   * Returns the padded standard base64 of {@code username:password}, the {@code auth} field that
   * kubectl and the docker CLI write.
   *
   * @param username the user name
   * @param password the password
   * @return the base64 text
   */
  public static String encodeAuth(String username, String password) {
    byte[] raw = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(raw);
  }

  /** Returns the key of the entry, exactly as stored. */
  public String key() {
    return key;
  }

  /** Returns the entry's credential; its server is the entry key. */
  public RegistryCredential credential() {
    return credential;
  }

  /** Returns what other tools would read differently in this entry; empty when nothing. */
  public Set<EntryWarning> warnings() {
    return warnings;
  }

  /** Returns whether the entry has a user name, password or identity token. */
  public boolean hasCredentials() {
    return !warnings.contains(EntryWarning.NO_CREDENTIALS);
  }

  ObjectNode json() {
    return json.deepCopy();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Entry && json.equals(((Entry) other).json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** Returns the key, user name and warnings; never a secret. */
  @Override
  public String toString() {
    return "Entry{key="
        + key
        + ", username="
        + credential.username()
        + ", warnings="
        + warnings
        + "}";
  }

  private static void putIfNotEmpty(ObjectNode json, String field, String value) {
    if (!value.isEmpty()) {
      json.put(field, value);
    }
  }
}
