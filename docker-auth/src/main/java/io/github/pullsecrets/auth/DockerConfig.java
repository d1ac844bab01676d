package io.github.pullsecrets.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.internal.GoJson;
import io.github.pullsecrets.auth.internal.JsonErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Docker credentials document: the {@code .dockerconfigjson} of a Kubernetes pull Secret, a
 * Docker {@code config.json}, or the legacy {@code .dockercfg}.
 *
 * <p>{@link #toJson()} prints exactly what {@code kubectl create secret docker-registry} puts in
 * the Secret: compact JSON with entries sorted by key, the fields {@code username}, {@code
 * password}, {@code email} (only when set) and {@code auth} (padded base64 of {@code
 * username:password}), and Go's string escaping. Entries read from a document are written back
 * unchanged, and so are top-level fields this class does not interpret ({@code credsStore}, {@code
 * credHelpers}, {@code HttpHeaders}, ...), so a config read and written back loses nothing.
 *
 * <p>Reading follows the kubelet: {@code auth}, when present and non-empty, overrides the {@code
 * username} and {@code password} fields; it is split at the first colon; padded and unpadded base64
 * are both accepted. What other tools would do differently with an entry is reported by {@link
 * Entry#warnings()}. Instances are immutable; {@link #toString()} shows keys only.
 */
public final class DockerConfig {

  private static final String AUTHS = "auths";
  private static final ObjectReader READER =
      GoJson.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Map<String, Entry> entries;
  private final ObjectNode otherFields;

  private DockerConfig(Map<String, Entry> entries, ObjectNode otherFields) {
    this.entries = entries;
    this.otherFields = otherFields;
  }

  /** Returns a document with no entries. */
  public static DockerConfig empty() {
    return new DockerConfig(new TreeMap<>(DockerConfig::compareUtf8), newObject());
  }

  /**
   * Returns a document with one entry per credential, keyed by each credential's server string.
   *
   * @param credentials the credentials; a later one replaces an earlier one for the same server
   * @return the document
   */
  public static DockerConfig of(Collection<RegistryCredential> credentials) {
    DockerConfig config = empty();
    for (RegistryCredential credential : credentials) {
      config = config.with(credential);
    }
    return config;
  }

  /**
   * Returns a document with one entry per credential.
   *
   * @param credentials the credentials
   * @return the document
   */
  public static DockerConfig of(RegistryCredential... credentials) {
    return of(List.of(credentials));
  }

  /**
   * Reads a {@code .dockerconfigjson} or Docker {@code config.json} document.
   *
   * @param json the document text
   * @return the parsed document
   * @throws DockerConfigException if the text is not a JSON object, {@code auths} is not an object,
   *     or an entry cannot be decoded; the message names the entry key
   */
  public static DockerConfig parse(String json) {
    ObjectNode root = readObject(json, "the document");
    JsonNode auths = root.path(AUTHS);
    if (!auths.isMissingNode() && !auths.isNull() && !auths.isObject()) {
      throw new DockerConfigException("\"auths\" must be a JSON object", null);
    }
    ObjectNode others = root.deepCopy();
    others.remove(AUTHS);
    return new DockerConfig(readEntries(auths), others);
  }

  /**
   * Reads a {@code .dockerconfigjson} or Docker {@code config.json} document from UTF-8 bytes.
   *
   * @param json the document bytes
   * @return the parsed document
   * @throws DockerConfigException as {@link #parse(String)}
   */
  public static DockerConfig parse(byte[] json) {
    return parse(new String(Objects.requireNonNull(json, "json"), StandardCharsets.UTF_8));
  }

  /**
   * Reads a legacy {@code .dockercfg} document: the entries without the {@code auths} wrapper.
   *
   * @param json the document text
   * @return the parsed document
   * @throws DockerConfigException if the text is not a JSON object or an entry cannot be decoded
   */
  public static DockerConfig parseDockercfg(String json) {
    return new DockerConfig(readEntries(readObject(json, "the document")), newObject());
  }

  /**
   * Returns a copy of this document in which the credential's server key holds the credential,
   * replacing any entry of the same key.
   *
   * @param credential the credential to store
   * @return the new document
   */
  public DockerConfig with(RegistryCredential credential) {
    Objects.requireNonNull(credential, "credential");
    Map<String, Entry> copy = copyEntries();
    copy.put(credential.server(), Entry.of(credential));
    return new DockerConfig(copy, otherFields);
  }

  /**
   * Returns a copy of this document without the entry of a key.
   *
   * @param key the {@code auths} key, exactly as stored
   * @return the new document, equal to this one if the key was absent
   */
  public DockerConfig without(String key) {
    Map<String, Entry> copy = copyEntries();
    copy.remove(Objects.requireNonNull(key, "key"));
    return new DockerConfig(copy, otherFields);
  }

  /** Returns the entries, sorted by key as Go sorts map keys. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * Returns the entry stored under a key, compared exactly.
   *
   * @param key the {@code auths} key
   * @return the entry, if present
   */
  public Optional<Entry> entry(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Returns the credential of every entry, in key order. */
  public List<RegistryCredential> credentials() {
    List<RegistryCredential> credentials = new ArrayList<>();
    entries.values().forEach(entry -> credentials.add(entry.credential()));
    return List.copyOf(credentials);
  }

  /** Returns the {@code credsStore} field of a Docker config.json, if set. */
  public Optional<String> credsStore() {
    JsonNode store = otherFields.path("credsStore");
    return store.isTextual() && !store.asText().isEmpty()
        ? Optional.of(store.asText())
        : Optional.empty();
  }

  /** Returns the {@code credHelpers} map of a Docker config.json: registry key to helper name. */
  public Map<String, String> credHelpers() {
    Map<String, String> helpers = new LinkedHashMap<>();
    otherFields
        .path("credHelpers")
        .properties()
        .forEach(
            field -> {
              if (field.getValue().isTextual()) {
                helpers.put(field.getKey(), field.getValue().asText());
              }
            });
    return Map.copyOf(helpers);
  }

  /**
   * Prints the document as {@code .dockerconfigjson}: {@code {"auths":{...}}} followed by any other
   * top-level fields that were read, compact, with Go's escaping; byte-identical to kubectl for the
   * same credentials.
   *
   * @return the JSON text, without a trailing newline
   */
  public String toJson() {
    ObjectNode root = newObject();
    root.set(AUTHS, entriesNode());
    root.setAll(otherFields);
    return GoJson.compact(root);
  }

  /** Returns {@link #toJson()} as UTF-8 bytes. */
  public byte[] toJsonBytes() {
    return toJson().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Prints the document in the legacy {@code .dockercfg} form: the entries without a wrapper.
   *
   * @return the JSON text, without a trailing newline
   */
  public String toDockercfgJson() {
    return GoJson.compact(entriesNode());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DockerConfig && toJson().equals(((DockerConfig) other).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  /** Returns the entry keys; never a credential value. */
  @Override
  public String toString() {
    return "DockerConfig{auths=" + entries.keySet() + "}";
  }

  private ObjectNode entriesNode() {
    ObjectNode auths = newObject();
    entries.forEach((key, entry) -> auths.set(key, entry.json()));
    return auths;
  }

  private Map<String, Entry> copyEntries() {
    Map<String, Entry> copy = new TreeMap<>(DockerConfig::compareUtf8);
    copy.putAll(entries);
    return copy;
  }

  private static Map<String, Entry> readEntries(JsonNode auths) {
    Map<String, Entry> entries = new TreeMap<>(DockerConfig::compareUtf8);
    for (Map.Entry<String, JsonNode> field : auths.properties()) {
      entries.put(field.getKey(), EntryDecoder.decode(field.getKey(), field.getValue()));
    }
    return entries;
  }

  private static ObjectNode readObject(String json, String what) {
    Objects.requireNonNull(json, "json");
    JsonNode root = readTree(json);
    if (!root.isObject()) {
      throw new DockerConfigException(what + " must be a JSON object", null);
    }
    return (ObjectNode) root;
  }

  private static JsonNode readTree(String json) {
    try {
      JsonNode root = READER.readTree(json);
      if (root == null || root.isMissingNode()) {
        throw new DockerConfigException("the document is empty", null);
      }
      return root;
    } catch (StreamConstraintsException e) {
      throw new DockerConfigException(
          "the document exceeds the JSON reader's limits (nesting depth, string or number length)",
          null);
    } catch (JsonProcessingException e) {
      // The parser's own message may quote document text, which may be a secret: not kept.
      throw new DockerConfigException("the document is not valid JSON" + JsonErrors.where(e), null);
    }
  }

  private static ObjectNode newObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Orders strings by their UTF-8 bytes, as Go sorts map keys. */
  private static int compareUtf8(String a, String b) {
    return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }
}
