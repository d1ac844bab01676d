/**
 * The registry {@code /v2/} handshake behind {@code RegistryAccess}: challenge and token parsing,
 * token caching, TLS setup and requests. Not exported; not part of the public API.
 *
 * <p>Every parameter and return value in this package is non-null unless its Javadoc says
 * otherwise.
 */
package io.github.pullsecrets.auth.internal.access;
