/**
 * HTTP plumbing shared by the pullsecrets modules: sending with retries, {@code Retry-After}
 * handling, header redaction and the Jackson setup. Not part of the public API; exported only to
 * the sibling modules.
 *
 * <p>Every parameter and return value in this package is non-null unless its Javadoc says
 * otherwise.
 */
package io.github.pullsecrets.auth.internal.http;
