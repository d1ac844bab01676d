package io.github.pullsecrets.k8s;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.RegistryCredential;
import io.github.pullsecrets.auth.internal.GoJson;
import io.github.pullsecrets.k8s.internal.ManifestPrinter;
import io.github.pullsecrets.k8s.internal.NameRules;
import io.github.pullsecrets.k8s.internal.SecretHash;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@code kubernetes.io/dockerconfigjson} Secret that lets pods pull from private registries.
 *
 * <pre>{@code
 * PullSecret secret = PullSecret.named("dcd")
 *     .namespace("shop")
 *     .addCredential(RegistryCredential.of("team.cr.de-fra.ionos.com", "robot", password))
 *     .build();
 * Files.writeString(Path.of("dcd-secret.json"), secret.toJson());
 * }</pre>
 *
 * <p>{@link #toJson()} is byte for byte what {@code kubectl create secret docker-registry NAME
 * --docker-server=... --docker-username=... --docker-password=... [--docker-email=...] [-n NS]
 * --dry-run=client -o json} prints for the same single credential; {@link #toYaml()} has the
 * content of its {@code -o yaml}. Unlike kubectl's client side, names the API server would reject
 * are refused up front with the server's message ({@link InvalidNameException}).
 *
 * <p>A Secret can also hold an existing Docker config file as it is, as {@code kubectl create
 * secret docker-registry NAME --from-file=[KEY=]PATH} stores it: {@link
 * Builder#dockerConfigFile(byte[])} checks the file first, {@link Builder#fromFile(String, byte[])}
 * copies any bytes under any valid key, exactly as kubectl does. {@link Builder#appendHash()} adds
 * kubectl's {@code --append-hash} suffix to the name.
 *
 * <p>Instances are immutable and safe to share. {@link #toString()} shows the name, namespace and
 * registry servers, never a password, an {@code auth} string or the Secret data.
 */
public final class PullSecret {

  /** The Secret type of a pull Secret. */
  public static final String TYPE = "kubernetes.io/dockerconfigjson";

  /** The data key holding the Docker credentials document. */
  public static final String DATA_KEY = ".dockerconfigjson";

  private static final System.Logger LOG = System.getLogger(PullSecret.class.getName());
  private static final String KIND = "Secret";

  private final String name;
  private final String namespace;
  private final SortedMap<String, String> labels;
  private final SortedMap<String, String> annotations;
  private final List<RegistryCredential> credentials;
  private final String dataKey;
  private final byte[] fileContent;

  private PullSecret(Builder builder, String name) {
    this.name = name;
    this.namespace = builder.namespace;
    this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(builder.labels));
    this.annotations = Collections.unmodifiableSortedMap(new TreeMap<>(builder.annotations));
    this.credentials = List.copyOf(builder.credentials);
    this.dataKey = builder.dataKey;
    this.fileContent = builder.fileContent;
  }

  /**
   * Starts a pull Secret with a name.
   *
   * @param name the Secret name: a DNS-1123 subdomain of at most 253 characters
   * @return a builder
   * @throws InvalidNameException when the API server would reject the name
   */
  public static Builder named(String name) {
    requireNonNull(name, "name");
    NameRules.requireObjectName(KIND, name);
    return new Builder(name);
  }

  /** Returns the Secret name. */
  public String name() {
    return name;
  }

  /** Returns the namespace, if one was set; without one, the Secret has no namespace field. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** Returns the labels, sorted by key. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Returns the annotations, sorted by key. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /**
   * Returns the credentials, in the order they were added; empty for a Secret built from a file.
   */
  public List<RegistryCredential> credentials() {
    return credentials;
  }

  /**
   * Returns the Docker credentials document the Secret holds: built from the credentials, or read
   * from the file content.
   *
   * @return the document
   * @throws io.github.pullsecrets.auth.DockerConfigException when the Secret was built with {@link
   *     Builder#fromFile(String, byte[])} from content that is not a Docker config document
   */
  public DockerConfig dockerConfig() {
    return fileContent == null ? DockerConfig.of(credentials) : DockerConfig.parse(fileContent);
  }

  /** Returns the data key: {@value #DATA_KEY}, unless another was given with a file. */
  String dataKey() {
    return dataKey;
  }

  /** Returns the base64 data value: the file content as given, or the credentials document. */
  String encodedData() {
    byte[] bytes = fileContent == null ? dockerConfig().toJsonBytes() : fileContent;
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Returns the Secret as kubectl prints it with {@code -o json}: four-space indentation, the keys
   * {@code kind}, {@code apiVersion}, {@code metadata} (name, namespace, {@code creationTimestamp:
   * null}, labels, annotations), {@code data}, {@code type}, and a trailing newline.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode secret = JsonNodeFactory.instance.objectNode();
    secret.put("kind", KIND).put("apiVersion", "v1");
    ObjectNode metadata = secret.putObject("metadata").put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.putNull("creationTimestamp");
    putMap(metadata, "labels", labels);
    putMap(metadata, "annotations", annotations);
    secret.putObject("data").put(dataKey, encodedData());
    secret.put("type", TYPE);
    return GoJson.indented(secret) + "\n";
  }

  /**
   * Returns the Secret as YAML with the content of kubectl's {@code -o yaml}: keys in alphabetical
   * order, as kubectl prints them.
   *
   * @return the YAML text
   */
  public String toYaml() {
    ObjectNode secret = JsonNodeFactory.instance.objectNode();
    secret.put("apiVersion", "v1");
    secret.putObject("data").put(dataKey, encodedData());
    secret.put("kind", KIND);
    ObjectNode metadata = secret.putObject("metadata");
    putMap(metadata, "annotations", annotations);
    metadata.putNull("creationTimestamp");
    putMap(metadata, "labels", labels);
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    secret.put("type", TYPE);
    return ManifestPrinter.yaml(secret);
  }

  /**
   * Returns a builder holding this Secret's values, to make a modified copy. The name is the final
   * one, with any hash suffix; the copy gets no second suffix unless {@link Builder#appendHash()}
   * is called again.
   */
  public Builder toBuilder() {
    Builder builder = new Builder(name);
    builder.namespace = namespace;
    builder.labels.putAll(labels);
    builder.annotations.putAll(annotations);
    builder.credentials.addAll(credentials);
    builder.dataKey = dataKey;
    builder.fileContent = fileContent;
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof PullSecret)) {
      return false;
    }
    PullSecret that = (PullSecret) other;
    return name.equals(that.name)
        && Objects.equals(namespace, that.namespace)
        && labels.equals(that.labels)
        && annotations.equals(that.annotations)
        && credentials.equals(that.credentials)
        && dataKey.equals(that.dataKey)
        && Arrays.equals(fileContent, that.fileContent);
  }

  @Override
  public int hashCode() {
    int fields = Objects.hash(name, namespace, labels, annotations, credentials, dataKey);
    return 31 * fields + Arrays.hashCode(fileContent);
  }

  /**
   * Returns the name, namespace and registry servers, or the data key and size of a file; never a
   * credential or the data.
   */
  @Override
  public String toString() {
    return "PullSecret{name="
        + name
        + (namespace == null ? "" : ", namespace=" + namespace)
        + source(credentials, dataKey, fileContent)
        + "}";
  }

  private static String source(List<RegistryCredential> credentials, String key, byte[] content) {
    if (content == null) {
      return ", servers=" + servers(credentials);
    }
    return ", file=" + key + " (" + content.length + " bytes)";
  }

  private static void putMap(ObjectNode metadata, String field, Map<String, String> values) {
    if (!values.isEmpty()) {
      ObjectNode node = metadata.putObject(field);
      values.forEach(node::put);
    }
  }

  private static List<String> servers(List<RegistryCredential> credentials) {
    return credentials.stream().map(RegistryCredential::server).toList();
  }

  /**
   * Collects the parts of a {@link PullSecret}. Not thread-safe; each method validates its argument
   * at once.
   */
  public static final class Builder {

    private final String name;
    private String namespace;
    private final Map<String, String> labels = new TreeMap<>();
    private final Map<String, String> annotations = new TreeMap<>();
    private final List<RegistryCredential> credentials = new ArrayList<>();
    private String dataKey = DATA_KEY;
    private byte[] fileContent;
    private boolean appendHash;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the namespace. Without one, the Secret has no namespace field and lands in the namespace
     * it is applied to, as with kubectl without {@code -n}.
     *
     * @param namespace a DNS-1123 label of at most 63 characters
     * @return this builder
     * @throws InvalidNameException when the API server would reject the namespace
     */
    public Builder namespace(String namespace) {
      requireNonNull(namespace, "namespace");
      NameRules.requireNamespace(KIND, name, namespace);
      this.namespace = namespace;
      return this;
    }

    /**
     * Adds a label, replacing any value of the same key.
     *
     * @param key the label key: a name of at most 63 characters, optionally after a DNS subdomain
     *     prefix and {@code /}
     * @param value the label value: empty, or at most 63 characters
     * @return this builder
     * @throws InvalidNameException when the API server would reject the key or the value
     */
    public Builder addLabel(String key, String value) {
      requireNonNull(value, "value");
      NameRules.requireLabel(KIND, name, requireNonNull(key, "key"), value);
      labels.put(key, value);
      return this;
    }

    /**
     * Replaces all labels.
     *
     * @param labels the labels
     * @return this builder
     * @throws InvalidNameException when the API server would reject a key or a value
     */
    public Builder labels(Map<String, String> labels) {
      requireNonNull(labels, "labels");
      this.labels.clear();
      labels.forEach(this::addLabel);
      return this;
    }

    /**
     * Adds an annotation, replacing any value of the same key. The value is not checked; the API
     * server limits all annotations of an object to 256 KiB together.
     *
     * @param key the annotation key, with the same rules as a label key
     * @param value the annotation value
     * @return this builder
     * @throws InvalidNameException when the API server would reject the key
     */
    public Builder addAnnotation(String key, String value) {
      NameRules.requireAnnotationKey(KIND, name, requireNonNull(key, "key"));
      annotations.put(key, requireNonNull(value, "value"));
      return this;
    }

    /**
     * Replaces all annotations.
     *
     * @param annotations the annotations
     * @return this builder
     * @throws InvalidNameException when the API server would reject a key
     */
    public Builder annotations(Map<String, String> annotations) {
      requireNonNull(annotations, "annotations");
      this.annotations.clear();
      annotations.forEach(this::addAnnotation);
      return this;
    }

    /**
     * Adds the credential of one registry server.
     *
     * @param credential a credential with a user name and a password, or an identity token
     * @return this builder
     * @throws IllegalArgumentException when the credential has no user name or no password (and no
     *     identity token), as kubectl requires both; the message names the missing one. Also when
     *     its server was already added
     */
    public Builder addCredential(RegistryCredential credential) {
      requireNonNull(credential, "credential");
      String server = credential.server();
      if (credential.identityToken().isEmpty()) {
        requirePart(server, "user name", credential.username());
        requirePart(server, "password", credential.password());
      }
      if (servers(credentials).contains(server)) {
        throw new IllegalArgumentException("credential for server " + server + " added twice");
      }
      credentials.add(credential);
      return this;
    }

    /**
     * Replaces all credentials.
     *
     * @param credentials the credentials, one per registry server
     * @return this builder
     * @throws IllegalArgumentException as {@link #addCredential(RegistryCredential)}
     */
    public Builder credentials(Collection<RegistryCredential> credentials) {
      requireNonNull(credentials, "credentials");
      this.credentials.clear();
      credentials.forEach(this::addCredential);
      return this;
    }

    /**
     * Stores an existing Docker {@code config.json} as it is under {@value #DATA_KEY}, as {@code
     * kubectl create secret docker-registry NAME --from-file=PATH} does since kubectl 1.31 (1.27 to
     * 1.30 used the file name as the key; give it to {@link #fromFile(String, byte[])} for that).
     * Unlike kubectl, the content is read first, so a file the API server or the kubelet would
     * refuse is refused here. Replaces any file given before.
     *
     * @param content the file's bytes, kept byte for byte (indentation, trailing newline)
     * @return this builder
     * @throws io.github.pullsecrets.auth.DockerConfigException when the content is not a Docker
     *     config document; the message names the problem, never the content
     */
    public Builder dockerConfigFile(byte[] content) {
      requireNonNull(content, "content");
      DockerConfig.parse(content);
      return storeFile(DATA_KEY, content);
    }

    /**
     * Stores a file's bytes under a data key exactly as {@code kubectl create secret
     * docker-registry NAME --from-file=KEY=PATH} does: the content is not checked, and the type
     * stays {@value #TYPE} whatever the key. Content that is not a JSON object, or a key other than
     * {@value #DATA_KEY}, makes a Secret the API server rejects; both are logged as a warning
     * (without the content). Prefer {@link #dockerConfigFile(byte[])}. Replaces any file given
     * before.
     *
     * @param key the data key, checked as kubectl and the API server check data keys
     * @param content the file's bytes, kept byte for byte
     * @return this builder
     * @throws InvalidNameException when the key is not a valid data key
     */
    public Builder fromFile(String key, byte[] content) {
      requireNonNull(key, "key");
      requireNonNull(content, "content");
      NameRules.requireDataKey(KIND, name, key);
      warnUnlessAccepted(key, content);
      return storeFile(key, content);
    }

    /**
     * Appends kubectl's {@code --append-hash} suffix to the name: {@code -} and ten characters
     * derived from a SHA-256 hash of the name, type and data, so that new data gives a new name.
     * Labels, annotations and the namespace do not change the suffix.
     *
     * @return this builder
     */
    public Builder appendHash() {
      this.appendHash = true;
      return this;
    }

    /**
     * Returns the pull Secret.
     *
     * @return the Secret
     * @throws IllegalStateException when neither a credential nor a file was given, or both were:
     *     kubectl silently drops the {@code --docker-*} flags when {@code --from-file} is given,
     *     the SDK refuses the mix instead
     * @throws InvalidNameException when the name with the hash suffix is longer than 253 characters
     */
    public PullSecret build() {
      if (credentials.isEmpty() && fileContent == null) {
        throw new IllegalStateException(
            "pull Secret "
                + name
                + " needs at least one credential or a file; call addCredential or"
                + " dockerConfigFile");
      }
      if (!credentials.isEmpty() && fileContent != null) {
        throw new IllegalStateException(
            "pull Secret " + name + " has both credentials and a file; give only one");
      }
      PullSecret secret = new PullSecret(this, name);
      if (appendHash) {
        secret = new PullSecret(this, hashedName(secret));
      }
      PullSecret built = secret;
      LOG.log(Level.DEBUG, () -> "built " + built);
      return built;
    }

    private Builder storeFile(String key, byte[] content) {
      this.dataKey = key;
      this.fileContent = content.clone();
      return this;
    }

    private String hashedName(PullSecret unhashed) {
      SortedMap<String, String> data = new TreeMap<>(Map.of(dataKey, unhashed.encodedData()));
      String hashed = name + "-" + SecretHash.suffix(name, TYPE, data);
      NameRules.requireObjectName(KIND, hashed);
      return hashed;
    }

    private void warnUnlessAccepted(String key, byte[] content) {
      if (!key.equals(DATA_KEY)) {
        warn("data key " + key + " is not " + DATA_KEY + "; the API server rejects the Secret");
      } else if (!isJsonObject(content)) {
        warn("the file is not a JSON object; the API server rejects the Secret");
      }
    }

    private void warn(String problem) {
      LOG.log(Level.WARNING, () -> "pull Secret " + name + ": " + problem);
    }

    private static boolean isJsonObject(byte[] content) {
      try {
        return GoJson.mapper().readTree(content) instanceof ObjectNode;
      } catch (IOException e) {
        return false;
      }
    }

    private static void requirePart(String server, String part, String value) {
      if (value.isEmpty()) {
        String problem = " has no " + part + "; kubectl requires a user name and a password";
        throw new IllegalArgumentException("credential for server " + server + problem);
      }
    }

    /** Returns the name, namespace and servers or file key collected so far; never a credential. */
    @Override
    public String toString() {
      return "PullSecret.Builder{name="
          + name
          + ", namespace="
          + (namespace == null ? "" : namespace)
          + source(credentials, dataKey, fileContent)
          + "}";
    }
  }
}
