/**
 * Images as the push reads them: descriptors and manifests, OCI image layouts, OCI and {@code
 * docker save} tar archives, and streams that check a blob's digest while it is read. Not exported;
 * not part of the public API.
 *
 * <p>Every parameter and return value in this package is non-null unless its Javadoc says
 * otherwise.
 */
package io.github.pullsecrets.auth.internal.image;
