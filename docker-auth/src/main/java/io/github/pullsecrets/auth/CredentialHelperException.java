package io.github.pullsecrets.auth;

/**
 * A {@code docker-credential-<name>} helper could not be run, failed, timed out or answered with
 * something other than a credential. The message names the helper and the problem, never its
 * output, which may hold a secret.
 */
public final class CredentialHelperException extends DockerAuthException {

  private static final long serialVersionUID = 1L;

  CredentialHelperException(String message) {
    super(message);
  }

  CredentialHelperException(String message, Throwable cause) {
    super(message, cause);
  }
}
