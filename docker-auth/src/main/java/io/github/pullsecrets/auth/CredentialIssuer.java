package io.github.pullsecrets.auth;

import java.util.List;

/**
 * Issues short-lived registry credentials and revokes them, for one provider (IONOS Container
 * Registry tokens, Harbor robot accounts, ...). Credential rotation depends only on this interface.
 *
 * <p>Implementations are thread-safe. The password of an issued credential exists only in the
 * returned value; implementations never log it.
 */
public interface CredentialIssuer {

  /**
   * Issues a new credential.
   *
   * @param request the registry, name, scopes and lifetime of the credential
   * @return the credential with the provider's identifier for it
   * @throws RuntimeException an unchecked exception of the provider's module if the provider
   *     refuses or cannot be reached
   */
  IssuedCredential issue(CredentialRequest request);

  /**
   * Revokes a credential so it can no longer be used. Revoking one that no longer exists is not an
   * error.
   *
   * @param registry the registry, as given in the {@link CredentialRequest}
   * @param credentialId the provider's identifier from {@link IssuedCredential#id()}
   * @throws RuntimeException an unchecked exception of the provider's module if the provider
   *     refuses or cannot be reached
   */
  void revoke(String registry, String credentialId);

  /**
   * Returns the identifiers of the credentials with this name that the provider still holds. A
   * rotation killed after {@link #issue} answered and before the credential was stored uses this to
   * find and revoke the credential it lost. The default cannot look credentials up by name.
   *
   * @param registry the registry, as given in the {@link CredentialRequest}
   * @param name the name given in the {@link CredentialRequest}
   * @return the identifiers, empty when none has that name
   * @throws UnsupportedOperationException if the provider cannot list credentials by name
   * @throws RuntimeException an unchecked exception of the provider's module if the provider
   *     refuses or cannot be reached
   */
  default List<String> idsNamed(String registry, String name) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot look credentials up by name");
  }
}
