package io.github.pullsecrets.registry.internal;

import io.github.pullsecrets.registry.Artifact;
import io.github.pullsecrets.registry.Repositories;
import io.github.pullsecrets.registry.Repository;
import io.github.pullsecrets.registry.Vulnerability;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/** {@link Repositories} of one registry over the management API (1.1 and later). */
public final class RepositoryOperations implements Repositories {

  private static final String PAGE_SIZE = "100";

  private final ApiClient api;
  private final String registryId;

  /**
   * Creates the operations.
   *
   * @param api the API client
   * @param registryId the registry id, a UUID
   */
  public RepositoryOperations(ApiClient api, String registryId) {
    this.api = api;
    this.registryId = Ids.requireUuid(registryId, "registryId");
  }

  @Override
  public Stream<Repository> list() {
    return paged(path("repositories"), Convert::repository, Repository::name);
  }

  @Override
  public Repository get(String name) {
    return Convert.repository(api.get(path("repositories", repository(name)), Map.of()));
  }

  @Override
  public void delete(String name) {
    api.callWithoutResult("DELETE", path("repositories", repository(name)));
  }

  @Override
  public Stream<Artifact> artifacts() {
    return paged(path("artifacts"), Convert::artifact, RepositoryOperations::artifactKey);
  }

  @Override
  public Stream<Artifact> artifacts(String repositoryName) {
    String path = path("repositories", repository(repositoryName), "artifacts");
    return paged(path, Convert::artifact, RepositoryOperations::artifactKey);
  }

  @Override
  public Artifact artifact(String repositoryName, String digest) {
    String path = path("repositories", repository(repositoryName), "artifacts", digest(digest));
    return Convert.artifact(api.get(path, Map.of()));
  }

  @Override
  public Stream<Vulnerability> vulnerabilities(String repositoryName, String digest) {
    String path =
        path(
            "repositories",
            repository(repositoryName),
            "artifacts",
            digest(digest),
            "vulnerabilities");
    return paged(path, Convert::vulnerability, Vulnerability::id);
  }

  private <T> Stream<T> paged(String path, Function<JsonView, T> convert, Function<T, String> key) {
    return Pages.stream(cursor -> page(path, cursor, convert), key, "GET " + path);
  }

  private <T> Pages.Page<T> page(String path, String cursor, Function<JsonView, T> convert) {
    long offset = cursor.isEmpty() ? 0 : Long.parseLong(cursor);
    JsonView json = api.get(path, ApiClient.offsetQuery(offset, PAGE_SIZE));
    List<T> items = json.map("items", convert);
    boolean more =
        !items.isEmpty()
            && json.optObject("_links").flatMap(links -> links.optNonEmptyText("next")).isPresent();
    return new Pages.Page<>(items, more ? Long.toString(offset + items.size()) : "");
  }

  private String path(String... rest) {
    String[] segments = new String[rest.length + 2];
    segments[0] = "registries";
    segments[1] = registryId;
    System.arraycopy(rest, 0, segments, 2, rest.length);
    return ApiClient.path(segments);
  }

  private static String artifactKey(Artifact artifact) {
    return artifact.repositoryName() + "@" + artifact.digest();
  }

  private static String repository(String name) {
    return Ids.requireText(name, "repositoryName");
  }

  private static String digest(String digest) {
    return Ids.requireText(digest, "digest");
  }
}
