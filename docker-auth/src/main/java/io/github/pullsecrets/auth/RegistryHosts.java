package io.github.pullsecrets.auth;

/** The docker CLI's spellings of registry addresses: config keys and API hosts. */
final class RegistryHosts {

  private RegistryHosts() {}

  /**
   * Returns the key {@code docker login ADDRESS} stores under: Docker Hub's v1 key for an empty
   * address, {@code docker.io} or that key itself; otherwise the address without scheme and path
   * ({@code host[:port]}).
   */
  static String loginKey(String address) {
    String trimmed = address.trim();
    if (trimmed.isEmpty()
        || trimmed.equals(ImageReference.DOCKER_HUB)
        || trimmed.equals(RegistryCredential.DOCKER_HUB_SERVER)) {
      return RegistryCredential.DOCKER_HUB_SERVER;
    }
    return hostname(trimmed);
  }

  /** Returns the address without {@code http://} or {@code https://} and without any path. */
  static String hostname(String address) {
    String rest = address;
    if (rest.startsWith("http://")) {
      rest = rest.substring("http://".length());
    } else if (rest.startsWith("https://")) {
      rest = rest.substring("https://".length());
    }
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** Returns the host that serves the registry API for a credential's server string. */
  static String apiHost(String server) {
    String host = hostname(server.trim());
    boolean hub = host.equals(ImageReference.DOCKER_HUB) || host.equals("index.docker.io");
    return hub ? ImageReference.DOCKER_HUB_API_HOST : host;
  }

  /** Returns the config key the docker CLI looks an image's credentials up by. */
  static String lookupKey(ImageReference image) {
    boolean hub = image.registry().equals(ImageReference.DOCKER_HUB);
    return hub ? RegistryCredential.DOCKER_HUB_SERVER : image.registry();
  }
}
