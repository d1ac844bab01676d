/**
 * Client for the IONOS / Arsys Container Registry management API: locations, registry names,
 * registries, tokens, repositories, artifacts and vulnerabilities.
 *
 * <p>Start from {@link io.github.pullsecrets.registry.ContainerRegistryClient}. Every parameter and
 * return value in this package is non-null unless its Javadoc says otherwise; values that can be
 * absent are {@link java.util.Optional}. Lists are empty rather than null. No type here shows a
 * token password in {@code toString()}, an exception message or a log record. Every failure is a
 * {@link io.github.pullsecrets.registry.ContainerRegistryException} or a JDK argument or state
 * exception.
 */
package io.github.pullsecrets.registry;
