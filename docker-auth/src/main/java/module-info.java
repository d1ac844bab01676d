/**
 * Registry credentials, image references, Docker {@code config.json} and
 * {@code .dockerconfigjson} codecs, and the kubelet's rules for matching a credential to an image.
 */
module io.github.pullsecrets.auth {
  requires com.fasterxml.jackson.databind;

  exports io.github.pullsecrets.auth;
}
