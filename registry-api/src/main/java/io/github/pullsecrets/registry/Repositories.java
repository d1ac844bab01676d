package io.github.pullsecrets.registry;

import java.util.stream.Stream;

/**
 * Repository, artifact and vulnerability reads for one registry (API 1.1 and later), and repository
 * deletion. Obtained from {@link ContainerRegistryClient#repositories}; thread-safe.
 */
public interface Repositories {

  /**
   * Lists the repositories, most recently pushed first, fetching pages lazily.
   *
   * @return the repositories
   * @throws ContainerRegistryException while consuming, if a page cannot be fetched
   */
  Stream<Repository> list();

  /**
   * Reads one repository.
   *
   * @param name the repository name, such as {@code shop/api}
   * @return the repository
   * @throws ResourceNotFoundException if there is no such repository
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  Repository get(String name);

  /**
   * Deletes a repository with all its artifacts.
   *
   * @param name the repository name
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  void delete(String name);

  /**
   * Lists the artifacts of every repository of the registry, lazily.
   *
   * @return the artifacts
   * @throws ContainerRegistryException while consuming, if a page cannot be fetched
   */
  Stream<Artifact> artifacts();

  /**
   * Lists the artifacts of one repository, lazily.
   *
   * @param repositoryName the repository name
   * @return the artifacts
   * @throws ContainerRegistryException while consuming, if a page cannot be fetched
   */
  Stream<Artifact> artifacts(String repositoryName);

  /**
   * Reads one artifact.
   *
   * @param repositoryName the repository name
   * @param digest the artifact digest, such as {@code sha256:...}
   * @return the artifact
   * @throws ResourceNotFoundException if there is no such artifact
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  Artifact artifact(String repositoryName, String digest);

  /**
   * Lists the vulnerabilities found in an artifact, highest score first, lazily.
   *
   * @param repositoryName the repository name
   * @param digest the artifact digest
   * @return the vulnerabilities
   * @throws ContainerRegistryException while consuming, if a page cannot be fetched
   */
  Stream<Vulnerability> vulnerabilities(String repositoryName, String digest);
}
