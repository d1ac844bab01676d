package io.github.pullsecrets.registry.internal;

import io.github.pullsecrets.registry.MalformedResponseException;

/**
 * Which request a response answered, so conversion errors can name it.
 *
 * @param method the HTTP method
 * @param path the request path without query
 * @param status the response status
 * @param requestId the request id header, or an empty string
 */
record ResponseContext(String method, String path, int status, String requestId) {

  MalformedResponseException malformed(String detail) {
    return new MalformedResponseException(method, path, status, requestId, detail);
  }
}
