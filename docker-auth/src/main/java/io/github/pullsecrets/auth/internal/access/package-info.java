/**
 * The registry {@code /v2/} client behind {@code RegistryAccess} and {@code ImageTransfer}:
 * challenge and token parsing, token caching, TLS setup and requests, and the blob and manifest
 * protocol of a push (HEAD, mount, monolithic and chunked uploads, manifest PUT). Not exported; not
 * part of the public API.
 *
 * <p>Every parameter and return value in this package is non-null unless its Javadoc says
 * otherwise.
 */
package io.github.pullsecrets.auth.internal.access;
