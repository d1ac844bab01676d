package io.github.pullsecrets.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The kubelet's choice of credentials for an image, restated from its credential keyring: given a
 * pod's pull secrets, in {@code imagePullSecrets} order, {@link #lookup(String)} returns the
 * credentials the kubelet would try, in the order it would try them.
 *
 * <p>The rules: keys lose their scheme and a leading {@code /v1/} or {@code /v2/}; a key matches
 * when the port is equal, the host has as many dot-separated labels as the image's and each label
 * matches as a glob ({@code *.example.com}), and the key's path is a string prefix of the image's
 * path; every matching key contributes, the most specific (reverse sorted) first; entries of the
 * same key keep the secrets' order. Only when nothing matches, a Docker Hub image falls back to the
 * entries stored under {@code index.docker.io} ({@code https://index.docker.io/v1/}). The kubelet
 * uses the user name and password only; identity tokens are ignored.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class KubeletKeyring {

  private static final String DOCKER_HUB_KEY = "index.docker.io";

  private final List<String> index;
  private final Map<String, List<KeyringMatch>> byKey;

  private KubeletKeyring(Map<String, List<KeyringMatch>> byKey) {
    TreeSet<String> sorted = new TreeSet<>(Collections.reverseOrder(KubeletKeyring::compareBytes));
    sorted.addAll(byKey.keySet());
    this.index = List.copyOf(sorted);
    this.byKey = Map.copyOf(byKey);
  }

  /** Returns a builder to which pull secrets are added in {@code imagePullSecrets} order. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the credentials the kubelet would try for an image, in order; an empty list means the
   * kubelet pulls anonymously.
   *
   * @param image the image as written in the pod spec
   * @return the matches, most specific first
   * @throws InvalidImageReferenceException if the image cannot be parsed, as the kubelet fails
   */
  public List<KeyringMatch> lookup(String image) {
    return lookup(ImageReference.parse(image));
  }

  /**
   * Returns the credentials the kubelet would try for a parsed image, in order.
   *
   * @param image the image
   * @return the matches, most specific first; empty for an anonymous pull
   */
  public List<KeyringMatch> lookup(ImageReference image) {
    String repoToPull = image.name();
    List<KeyringMatch> matches = new ArrayList<>();
    for (String key : index) {
      if (KeyMatcher.matches(key, repoToPull)) {
        matches.addAll(byKey.get(key));
      }
    }
    if (matches.isEmpty() && KeyMatcher.isDockerHubImage(repoToPull)) {
      return dockerHubFallback();
    }
    return List.copyOf(matches);
  }

  /** Returns the normalised keys in the order the kubelet tries them. */
  public List<String> keys() {
    return index;
  }

  @Override
  public String toString() {
    return "KubeletKeyring" + index;
  }

  private List<KeyringMatch> dockerHubFallback() {
    List<KeyringMatch> fallback = new ArrayList<>();
    for (KeyringMatch match : byKey.getOrDefault(DOCKER_HUB_KEY, List.of())) {
      fallback.add(
          new KeyringMatch(
              match.secretName(), match.entryKey(), match.matchedKey(), match.credential(), true));
    }
    return List.copyOf(fallback);
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  /** Collects pull secrets in the order a pod lists them. Not thread-safe. */
  public static final class Builder {

    private final Map<String, List<KeyringMatch>> byKey = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds the entries of one pull secret.
     *
     * @param secretName the pull secret's name
     * @param config its decoded {@code .dockerconfigjson} or {@code .dockercfg}
     * @return this builder
     */
    public Builder add(String secretName, DockerConfig config) {
      Objects.requireNonNull(secretName, "secretName");
      for (Entry entry : config.entries()) {
        addEntry(secretName, entry);
      }
      return this;
    }

    /**
     * Adds a pull secret from its {@code .dockerconfigjson} text. As in the kubelet, a secret that
     * does not decode fails the whole lookup.
     *
     * @param secretName the pull secret's name
     * @param json the {@code .dockerconfigjson} text
     * @return this builder
     * @throws DockerConfigException naming the secret and the entry, if it does not decode
     */
    public Builder addDockerConfigJson(String secretName, String json) {
      return add(secretName, decode(secretName, () -> DockerConfig.parse(json)));
    }

    /**
     * Adds a legacy {@code kubernetes.io/dockercfg} pull secret from its {@code .dockercfg} text.
     *
     * @param secretName the pull secret's name
     * @param json the {@code .dockercfg} text
     * @return this builder
     * @throws DockerConfigException naming the secret and the entry, if it does not decode
     */
    public Builder addDockercfg(String secretName, String json) {
      return add(secretName, decode(secretName, () -> DockerConfig.parseDockercfg(json)));
    }

    /** Returns the keyring. */
    public KubeletKeyring build() {
      Map<String, List<KeyringMatch>> copy = new LinkedHashMap<>();
      byKey.forEach((key, matches) -> copy.put(key, List.copyOf(matches)));
      return new KubeletKeyring(copy);
    }

    private void addEntry(String secretName, Entry entry) {
      Optional<String> key = KeyMatcher.normaliseKey(entry.key());
      if (key.isEmpty()) {
        return;
      }
      RegistryCredential credential = entry.credential();
      RegistryCredential usable =
          RegistryCredential.of(entry.key(), credential.username(), credential.password());
      byKey
          .computeIfAbsent(key.get(), k -> new ArrayList<>())
          .add(new KeyringMatch(secretName, entry.key(), key.get(), usable, false));
    }

    private static DockerConfig decode(String secretName, Supplier<DockerConfig> parse) {
      try {
        return parse.get();
      } catch (DockerConfigException e) {
        throw new DockerConfigException(
            "pull secret \"" + secretName + "\": " + e.getMessage(), e.entryKey().orElse(null));
      }
    }
  }
}
