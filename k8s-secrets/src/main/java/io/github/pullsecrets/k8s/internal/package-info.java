/**
 * Implementation of the k8s-secrets module: manifest splitting and tree reading on Jackson, YAML
 * and JSON printing, workload rules and API-server name validation. Not exported.
 *
 * <p>Every parameter and return value in this package is non-null unless its Javadoc says
 * otherwise.
 */
package io.github.pullsecrets.k8s.internal;
