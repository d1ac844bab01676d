package io.github.pullsecrets.auth.internal.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry tokens by realm, service and scope, each kept until shortly before it expires.
 * Thread-safe.
 */
public final class TokenCache {

  /** Tokens this close to expiry are not handed out again. */
  static final Duration MARGIN = Duration.ofSeconds(5);

  private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();
  private final Clock clock;

  /**
   * Creates an empty cache.
   *
   * @param clock the clock that decides expiry
   */
  public TokenCache(Clock clock) {
    this.clock = clock;
  }

  /**
   * Returns the cached token for a key unless it is about to expire.
   *
   * @param key realm, service and scope
   * @return the token, if still valid
   */
  public Optional<BearerToken> get(String key) {
    BearerToken token = tokens.get(key);
    if (token == null || !clock.instant().plus(MARGIN).isBefore(token.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(token);
  }

  /**
   * Stores a token.
   *
   * @param key realm, service and scope
   * @param token the token
   */
  public void put(String key, BearerToken token) {
    tokens.put(key, token);
  }

  /**
   * Forgets the token of a key.
   *
   * @param key realm, service and scope
   */
  public void remove(String key) {
    tokens.remove(key);
  }

  /** Returns the number of tokens held, expired or not. */
  public int size() {
    return tokens.size();
  }

  @Override
  public String toString() {
    return "TokenCache{size=" + tokens.size() + "}";
  }
}
