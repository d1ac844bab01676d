package io.github.pullsecrets.registry;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Token operations for one registry. Obtained from {@link ContainerRegistryClient#tokens};
 * thread-safe.
 */
public interface Tokens {

  /**
   * Creates a token and returns its password, the only time the API ever shows it.
   *
   * <p>The request is never repeated blindly. If the response is lost (connection reset, timeout
   * after sending, or a 502 or 504 from a gateway), the client looks the token up by name: if it
   * exists, its password is lost, so it is deleted and created again; if not, the request is sent
   * once more. A token of that name created more than five minutes before the request is not the
   * lost one: it is left alone and {@link ResourceConflictException} is thrown. {@link
   * IssuedToken#recovery()} reports which happened.
   *
   * @param spec the name, expiry, status and scopes, with at least one scope
   * @return the token and a credential for the registry's hostname
   * @throws IllegalArgumentException if the spec has no scope or expires less than an hour ahead
   * @throws IllegalStateException if the registry has no hostname yet
   * @throws ResourceConflictException if a token of that name exists
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  IssuedToken create(TokenSpec spec);

  /**
   * Creates or replaces the token with an id chosen by the caller ({@code PUT}). The name of an
   * existing token cannot change. The API returns a password only when this creates the token.
   *
   * @param tokenId the token id, a UUID
   * @param spec the full desired token
   * @return the token, with a credential only if the API created it
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  ReplacedToken replace(String tokenId, TokenSpec spec);

  /**
   * Reads a token; it carries no password.
   *
   * @param tokenId the token id
   * @return the token
   * @throws ResourceNotFoundException if there is no such token
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  Token get(String tokenId);

  /**
   * Finds a token by its exact name, listing the registry's tokens.
   *
   * @param name the token name
   * @return the token, if one has that name
   * @throws ContainerRegistryException if a page cannot be fetched
   */
  Optional<Token> findByName(String name);

  /**
   * Lists every token of the registry, fetching pages lazily.
   *
   * @return the tokens
   * @throws ContainerRegistryException while consuming, if a page cannot be fetched
   */
  Stream<Token> list();

  /**
   * Changes parts of a token: disable or enable it, move its expiry, replace its scopes.
   *
   * @param tokenId the token id
   * @param update the parts to change
   * @return the token after the change
   * @throws IllegalArgumentException if the new expiry is less than an hour ahead
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  Token update(String tokenId, TokenUpdate update);

  /**
   * Deletes a token; it stops working at once.
   *
   * @param tokenId the token id
   * @throws ContainerRegistryException if the API refuses or cannot be reached
   */
  void delete(String tokenId);
}
