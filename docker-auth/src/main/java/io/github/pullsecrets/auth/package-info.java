/**
 * Registry credentials, image references and Docker configuration codecs.
 *
 * <p>Every parameter and return value in this package is non-null unless its Javadoc says
 * otherwise; lookups that can miss return {@link java.util.Optional}. No type here shows a
 * password, identity token or {@code auth} string in {@code toString()} or in an exception message.
 */
package io.github.pullsecrets.auth;
