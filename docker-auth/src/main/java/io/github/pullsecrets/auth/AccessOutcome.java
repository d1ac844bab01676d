package io.github.pullsecrets.auth;

/** What a registry said about a credential, as a value a program can act on. */
public enum AccessOutcome {
  /** The registry allowed the operation. */
  OK,
  /** The registry or its token server rejected the user name and password or token. */
  BAD_CREDENTIALS,
  /** The credential is valid but not allowed to do this; {@link NoAccessReason} says how. */
  NO_ACCESS,
  /** The credential is allowed, but the repository, tag or digest does not exist. */
  NOT_FOUND,
  /** No connection could be made, or it broke or timed out before a response. */
  UNREACHABLE,
  /** The TLS handshake failed, for example because the certificate is not trusted. */
  TLS_FAILURE,
  /** The registry answered with a status or body the handshake does not expect. */
  UNEXPECTED_RESPONSE
}
