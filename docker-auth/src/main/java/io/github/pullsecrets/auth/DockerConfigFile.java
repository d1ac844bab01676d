package io.github.pullsecrets.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.internal.GoJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Docker {@code config.json} on disk, read and written as the docker CLI does.
 *
 * <p>Writing merges into what is there and keeps every field this class does not interpret; an
 * entry holds only {@code auth} (and {@code identitytoken}, {@code email} when set); the file is
 * printed tab-indented with sorted keys and no trailing newline, and replaced atomically: a
 * temporary file readable by the owner only is written in the same folder and renamed over the old
 * one. Reading follows the CLI's precedence: {@code credHelpers} for the key, then {@code
 * credsStore}, then {@code auths}. Immutable; the file itself is not locked.
 */
public final class DockerConfigFile {

  private static final String AUTHS = "auths";

  private final Path file;

  private DockerConfigFile(Path file) {
    this.file = file;
  }

  /**
   * Returns the config the docker CLI uses: {@code $DOCKER_CONFIG/config.json}, else {@code
   * ~/.docker/config.json}.
   *
   * @return the config file, which need not exist yet
   */
  public static DockerConfigFile fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** Returns the config named by {@code DOCKER_CONFIG} in an environment, else the home's. */
  static DockerConfigFile fromEnvironment(Map<String, String> environment, Path home) {
    String configured = environment.get("DOCKER_CONFIG");
    Path directory =
        configured != null && !configured.isEmpty() ? Path.of(configured) : home.resolve(".docker");
    return in(directory);
  }

  /**
   * Returns the {@code config.json} in a directory.
   *
   * @param directory the directory, as {@code DOCKER_CONFIG} would name it
   * @return the config file, which need not exist yet
   */
  public static DockerConfigFile in(Path directory) {
    return new DockerConfigFile(directory.resolve("config.json"));
  }

  /**
   * Returns the key {@code docker login ADDRESS} stores a credential under: Docker Hub's {@code
   * https://index.docker.io/v1/} for an empty address or one whose host is {@code docker.io},
   * {@code index.docker.io} or {@code registry-1.docker.io}, otherwise the address without scheme
   * and path ({@code https://r.io:5000/v2/} becomes {@code r.io:5000}).
   *
   * @param address the address as given to {@code docker login}
   * @return the key
   */
  public static String loginKey(String address) {
    return RegistryHosts.loginKey(Objects.requireNonNull(address, "address"));
  }

  /** Returns the path of the {@code config.json} file. */
  public Path path() {
    return file;
  }

  /**
   * Reads the file as a credentials document; a missing file reads as empty.
   *
   * @return the document
   * @throws DockerConfigException if the file is not a readable Docker config
   * @throws UncheckedIOException if the file cannot be read
   */
  public DockerConfig read() {
    return DockerConfig.parse(GoJson.compact(readRoot()));
  }

  /**
   * Stores a credential under its server key, replacing that entry and keeping everything else.
   *
   * @param credential the credential; its server string is used verbatim as the key
   * @return the helper the docker CLI would ask instead of this entry, or an empty string
   * @throws DockerConfigException if the existing file is not a readable Docker config
   * @throws UncheckedIOException if the file cannot be written
   */
  String store(RegistryCredential credential) {
    ObjectNode root = readRoot();
    authsOf(root).set(credential.server(), entryJson(credential));
    write(root);
    DockerConfig config = DockerConfig.parse(GoJson.compact(root));
    return shadowingHelper(config, credential.server());
  }

  /**
   * Removes the credential of a registry, as {@code docker logout ADDRESS} does: the entry of the
   * normalised key and, for other than Docker Hub, entries whose key names the same host with a
   * scheme or path.
   *
   * @param address the address as given to {@code docker logout}
   * @return the keys removed, empty when there were none (the file is then left untouched)
   * @throws DockerConfigException if the existing file is not a readable Docker config
   * @throws UncheckedIOException if the file cannot be written
   */
  public List<String> logout(String address) {
    String key = loginKey(address);
    ObjectNode root = readRoot();
    ObjectNode auths = authsOf(root);
    List<String> removed = new ArrayList<>();
    auths
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (name.equals(key) || (!isHub(key) && RegistryHosts.hostname(name).equals(key))) {
                removed.add(name);
              }
            });
    if (!removed.isEmpty()) {
      auths.remove(removed);
      write(root);
    }
    return List.copyOf(removed);
  }

  /**
   * Finds the credential the docker CLI would use to pull an image.
   *
   * @param image the image
   * @param helpers whether and where to run credential helpers
   * @return where the credential lives and, when it could be read, the credential
   * @throws DockerConfigException if the file is not a readable Docker config or the docker CLI
   *     would refuse it
   * @throws CredentialHelperException if a helper that was run failed
   */
  public CredentialLookup lookup(ImageReference image, CredentialHelpers helpers) {
    return lookup(RegistryHosts.lookupKey(image), helpers);
  }

  /**
   * Finds the credential the docker CLI would use for a registry key: {@code credHelpers[key]},
   * else {@code credsStore}, else the {@code auths} entry of that key or, failing that, the first
   * entry whose key reduced to {@code host[:port]} equals it. A file the docker CLI refuses to read
   * (an entry with unpadded {@code auth} or an empty user name) is refused here too.
   *
   * @param key a registry key such as {@code r.io:5000} or {@code https://index.docker.io/v1/}
   * @param helpers whether and where to run credential helpers
   * @return where the credential lives and, when it could be read, the credential
   * @throws DockerConfigException if the file is not a readable Docker config or the docker CLI
   *     would refuse it
   * @throws CredentialHelperException if a helper that was run failed
   */
  public CredentialLookup lookup(String key, CredentialHelpers helpers) {
    DockerConfig config = read();
    requireReadableByDockerCli(config);
    String helper = config.credHelpers().get(key);
    if (helper != null) {
      return fromHelper(CredentialLookup.Source.CREDENTIAL_HELPER, key, helper, helpers);
    }
    if (config.credsStore().isPresent()) {
      return fromHelper(
          CredentialLookup.Source.CREDENTIALS_STORE, key, config.credsStore().get(), helpers);
    }
    return fromFile(config, key);
  }

  @Override
  public String toString() {
    return "DockerConfigFile{" + file + "}";
  }

  private void requireReadableByDockerCli(DockerConfig config) {
    for (Entry entry : config.entries()) {
      if (entry.warnings().contains(EntryWarning.UNPADDED_AUTH)) {
        throw refused(entry, "\"auth\" is base64 without padding");
      }
      if (entry.warnings().contains(EntryWarning.EMPTY_USERNAME)) {
        throw refused(entry, "the user name in \"auth\" is empty");
      }
    }
  }

  private DockerConfigException refused(Entry entry, String problem) {
    return new DockerConfigException(
        file + ": entry \"" + entry.key() + "\": " + problem + "; the docker CLI refuses the file",
        entry.key());
  }

  private static CredentialLookup fromHelper(
      CredentialLookup.Source source, String key, String helper, CredentialHelpers helpers) {
    RegistryCredential credential =
        helpers.enabled() ? helpers.get(helper, key).orElse(null) : null;
    return new CredentialLookup(source, key, helper, credential);
  }

  private static CredentialLookup fromFile(DockerConfig config, String key) {
    Optional<Entry> entry =
        config
            .entry(key)
            .or(
                () ->
                    config.entries().stream()
                        .filter(e -> RegistryHosts.hostname(e.key()).equals(key))
                        .findFirst());
    Optional<RegistryCredential> credential =
        entry.filter(Entry::hasCredentials).map(e -> e.credential().withServer(key));
    return credential
        .map(c -> new CredentialLookup(CredentialLookup.Source.CONFIG_FILE, key, "", c))
        .orElseGet(() -> new CredentialLookup(CredentialLookup.Source.NONE, key, "", null));
  }

  private static String shadowingHelper(DockerConfig config, String key) {
    String helper = config.credHelpers().get(key);
    return helper != null ? helper : config.credsStore().orElse("");
  }

  private static ObjectNode entryJson(RegistryCredential credential) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("auth", Entry.encodeAuth(credential.username(), credential.password()));
    credential.email().ifPresent(email -> entry.put("email", email));
    credential.identityToken().ifPresent(token -> entry.put("identitytoken", token));
    return entry;
  }

  private ObjectNode readRoot() {
    try {
      byte[] bytes = Files.readAllBytes(file);
      DockerConfig.parse(bytes);
      JsonNode root = GoJson.mapper().readTree(bytes);
      return (ObjectNode) root;
    } catch (NoSuchFileException e) {
      return JsonNodeFactory.instance.objectNode();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static ObjectNode authsOf(ObjectNode root) {
    JsonNode auths = root.get(AUTHS);
    if (auths instanceof ObjectNode) {
      return (ObjectNode) auths;
    }
    return root.putObject(AUTHS);
  }

  private void write(ObjectNode root) {
    byte[] bytes = GoJson.tabIndented(sorted(root)).getBytes(StandardCharsets.UTF_8);
    Path directory = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(directory, ownerOnly("rwx------"));
      Path temporary =
          Files.createTempFile(directory, ".config.json", ".tmp", ownerOnly("rw-------"));
      try {
        Files.write(temporary, bytes);
        move(temporary);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private void move(Path temporary) throws IOException {
    try {
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static FileAttribute<?>[] ownerOnly(String permissions) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
    };
  }

  private static JsonNode sorted(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    Map<String, JsonNode> fields = new TreeMap<>(DockerConfigFile::compareUtf8);
    node.properties().forEach(field -> fields.put(field.getKey(), sorted(field.getValue())));
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    fields.forEach(copy::set);
    return copy;
  }

  private static int compareUtf8(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  private static boolean isHub(String key) {
    return key.equals(RegistryCredential.DOCKER_HUB_SERVER);
  }
}
