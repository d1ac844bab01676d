package io.github.pullsecrets.registry;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * Registry operations: create, read, list, change, delete, and wait for the asynchronous ones to
 * finish. Obtained from {@link ContainerRegistryClient#registries()}; thread-safe.
 */
public interface Registries {

  /**
   * Creates a registry ({@code POST /registries}). The API provisions it in the background: the
   * result is usually in state {@code New} with no hostname; see {@link #awaitRunning}.
   *
   * @param spec the name, location and options; the location must be set
   * @return the registry as created
   * @throws IllegalArgumentException if the spec has no location
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  Registry create(RegistrySpec spec);

  /**
   * Creates a registry under an id chosen by the caller, or replaces it if it exists ({@code PUT
   * /registries/{id}}). Name and location of an existing registry cannot change. Safe to repeat,
   * unlike {@link #create}.
   *
   * @param registryId the registry id, a UUID
   * @param spec the full desired registry
   * @return the registry as stored
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  Registry replace(String registryId, RegistrySpec spec);

  /**
   * Reads a registry.
   *
   * @param registryId the registry id, a UUID
   * @return the registry
   * @throws ResourceNotFoundException if there is no such registry
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  Registry get(String registryId);

  /**
   * Lists every registry of the account, fetching pages lazily as the stream is consumed.
   *
   * @return the registries
   * @throws ContainerRegistryException while consuming, if a page cannot be fetched
   */
  Stream<Registry> list();

  /**
   * Lists the registries whose name matches a filter, lazily.
   *
   * @param nameFilter the text the API matches names against
   * @return the matching registries
   * @throws ContainerRegistryException while consuming, if a page cannot be fetched
   */
  Stream<Registry> list(String nameFilter);

  /**
   * Changes parts of a registry ({@code PATCH}).
   *
   * @param registryId the registry id
   * @param update the parts to change
   * @return the registry after the change
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  Registry update(String registryId, RegistryUpdate update);

  /**
   * Deletes a registry with all its images. The API removes it in the background; see {@link
   * #awaitDeleted}.
   *
   * @param registryId the registry id
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  void delete(String registryId);

  /**
   * Polls a registry until it is {@code Running} and has a hostname.
   *
   * @param registryId the registry id
   * @param timeout how long to wait at most
   * @return the ready registry
   * @throws RegistryWaitException if the timeout passes or the registry reaches a failed state; the
   *     exception names the last state seen
   * @throws ContainerRegistryException if a read fails
   */
  Registry awaitRunning(String registryId, Duration timeout);

  /**
   * Polls a registry until the API no longer knows it.
   *
   * @param registryId the registry id
   * @param timeout how long to wait at most
   * @throws RegistryWaitException if the timeout passes; the exception names the last state seen
   * @throws ContainerRegistryException if a read fails
   */
  void awaitDeleted(String registryId, Duration timeout);
}
