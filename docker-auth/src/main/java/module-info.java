/**
 * Registry credentials, image references, Docker {@code config.json} and {@code .dockerconfigjson}
 * codecs, and the kubelet's rules for matching a credential to an image.
 */
module io.github.pullsecrets.auth {
  requires transitive com.fasterxml.jackson.databind;
  requires transitive java.net.http;
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.retry;

  exports io.github.pullsecrets.auth;
  exports io.github.pullsecrets.auth.internal to
      io.github.pullsecrets.registry,
      io.github.pullsecrets.k8s;
  exports io.github.pullsecrets.auth.internal.http to
      io.github.pullsecrets.registry,
      io.github.pullsecrets.k8s;
}
