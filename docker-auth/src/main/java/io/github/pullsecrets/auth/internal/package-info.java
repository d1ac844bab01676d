/**
 * Implementation shared by the pullsecrets modules; not part of the public API.
 *
 * <p>Exported only to {@code io.github.pullsecrets.registry} and {@code io.github.pullsecrets.k8s}.
 * Every parameter and return value is non-null unless its Javadoc says otherwise.
 */
package io.github.pullsecrets.auth.internal;
