/**
 * Implementation of the registry client: requests, error mapping, JSON conversion, paging, waiting
 * and lost-response recovery. Not exported.
 *
 * <p>Every parameter and return value in this package is non-null unless its Javadoc says
 * otherwise.
 */
package io.github.pullsecrets.registry.internal;
