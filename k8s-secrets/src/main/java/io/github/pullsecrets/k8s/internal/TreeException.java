package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** A problem found while building a tree, with the location Jackson reported. */
final class TreeException extends JsonProcessingException {

  TreeException(String message, JsonLocation location) {
    super(message, location);
  }
}
