package io.github.pullsecrets.auth.internal.access;

import io.github.pullsecrets.auth.internal.http.HttpResult;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * One authorised request and its response: the challenge that was answered (none for an open
 * registry), the headers sent (credentials among them, never printed) and whether the token was
 * fetched for this request rather than taken from the cache.
 */
final class Exchange {

  private final URI uri;
  private final HttpResult result;
  private final Challenge challenge;
  private final Map<String, String> headers;
  private final boolean freshToken;

  Exchange(
      URI uri,
      HttpResult result,
      Challenge challenge,
      Map<String, String> headers,
      boolean freshToken) {
    this.uri = uri;
    this.result = result;
    this.challenge = challenge;
    this.headers = Map.copyOf(headers);
    this.freshToken = freshToken;
  }

  URI uri() {
    return uri;
  }

  HttpResult result() {
    return result;
  }

  int status() {
    return result.status();
  }

  Optional<Challenge> challenge() {
    return Optional.ofNullable(challenge);
  }

  Map<String, String> headers() {
    return headers;
  }

  boolean freshToken() {
    return freshToken;
  }

  @Override
  public String toString() {
    return "Exchange{" + uri.getRawPath() + " -> " + result.status() + "}";
  }
}
