package io.github.pullsecrets.k8s.internal.rotation;

import static io.github.pullsecrets.k8s.internal.rotation.TokenAnnotations.ROTATION_REPLACES;
import static io.github.pullsecrets.k8s.internal.rotation.TokenAnnotations.ROTATION_STEP;
import static io.github.pullsecrets.k8s.internal.rotation.TokenAnnotations.ROTATION_SWITCHED_AT;
import static io.github.pullsecrets.k8s.internal.rotation.TokenAnnotations.TOKEN_EXPIRES_AT;
import static io.github.pullsecrets.k8s.internal.rotation.TokenAnnotations.TOKEN_ID;
import static io.github.pullsecrets.k8s.internal.rotation.TokenAnnotations.TOKEN_ISSUED_AT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.k8s.PullSecret;
import io.github.pullsecrets.k8s.internal.kube.ApiTransport;
import io.github.pullsecrets.k8s.internal.kube.SecretComparison;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON edits a rotation makes to a pull Secret. Each takes the Secret as the API server sent it
 * and returns the Secret to write back (with the same {@code resourceVersion}), so that {@code
 * Resources.update} can repeat it after a conflict.
 */
public final class SecretEdits {

  private SecretEdits() {}

  /**
   * Returns a new pull Secret holding the pending token, labelled as managed by pullsecrets.
   *
   * @param namespace the namespace
   * @param name the Secret name
   * @param token the pending token
   * @param family the base name a rotation to new names started from, labelled {@value
   *     TokenAnnotations#ROTATION_OF}; empty for an in-place rotation
   * @return the Secret as JSON
   */
  public static String created(
      String namespace, String name, PendingToken token, Optional<String> family) {
    ObjectNode secret = ApiTransport.json().createObjectNode();
    secret.put("apiVersion", "v1").put("kind", "Secret");
    ObjectNode metadata = secret.putObject("metadata").put("name", name);
    metadata.put("namespace", namespace);
    ObjectNode labels = metadata.putObject("labels");
    labels.put(SecretComparison.MANAGED_BY, SecretComparison.MANAGER);
    family.ifPresent(base -> labels.put(TokenAnnotations.ROTATION_OF, base));
    secret.put("type", PullSecret.TYPE);
    return stored(secret, token).toString();
  }

  /**
   * Returns the Secret with the pending token in {@code .dockerconfigjson} and the rotation
   * annotations at step {@code stored}; unchanged when it already carries the token.
   *
   * @param json the Secret
   * @param token the pending token
   * @return the Secret to write
   * @throws IllegalStateException when the Secret carries another unfinished rotation
   */
  public static String stored(String json, PendingToken token) {
    ObjectNode secret = parse(json);
    TokenAnnotations current = TokenAnnotations.of(secret);
    if (current.tokenId().equals(Optional.of(token.tokenId()))) {
      return json;
    }
    if (current.rotating()) {
      throw new IllegalStateException(
          "another rotation is in progress, to token " + current.tokenId().orElse("(unknown)"));
    }
    return stored(secret, token).toString();
  }

  /**
   * Returns the Secret marked with the name of the token about to be issued.
   *
   * @param json the Secret
   * @param tokenName the name the token will have
   * @return the Secret to write
   */
  public static String issuing(String json, String tokenName) {
    ObjectNode secret = parse(json);
    annotations(secret).put(TokenAnnotations.ROTATION_ISSUING, tokenName);
    return secret.toString();
  }

  /**
   * Returns the Secret without the mark of a token being issued; unchanged when it has none.
   *
   * @param json the Secret
   * @return the Secret to write
   */
  public static String withoutIssuing(String json) {
    ObjectNode secret = parse(json);
    if (TokenAnnotations.issuing(secret).isEmpty()) {
      return json;
    }
    annotations(secret).remove(TokenAnnotations.ROTATION_ISSUING);
    return secret.toString();
  }

  /**
   * Returns the Secret moved from step {@code stored} to {@code switched}; unchanged otherwise.
   *
   * @param json the Secret
   * @param switchedAt when every Secret carried the new token
   * @return the Secret to write
   */
  public static String switched(String json, Instant switchedAt) {
    ObjectNode secret = parse(json);
    if (!TokenAnnotations.of(secret).step().equals(Optional.of(TokenAnnotations.STORED))) {
      return json;
    }
    ObjectNode annotations = annotations(secret);
    annotations.put(ROTATION_STEP, TokenAnnotations.SWITCHED);
    annotations.put(ROTATION_SWITCHED_AT, switchedAt.toString());
    return secret.toString();
  }

  /**
   * Returns the Secret without the rotation annotations; the token annotations stay.
   *
   * @param json the Secret
   * @return the Secret to write
   */
  public static String completed(String json) {
    ObjectNode secret = parse(json);
    if (!TokenAnnotations.of(secret).rotating()) {
      return json;
    }
    annotations(secret)
        .remove(
            List.of(
                ROTATION_STEP,
                ROTATION_REPLACES,
                ROTATION_SWITCHED_AT,
                TokenAnnotations.ROTATION_REPLACES_SECRETS));
    return secret.toString();
  }

  /**
   * Reads the pending token of a Secret that an unfinished rotation has written.
   *
   * @param secret the Secret
   * @return the token, or empty when the Secret is not part of a rotation
   */
  public static Optional<PendingToken> pending(JsonNode secret) {
    TokenAnnotations state = TokenAnnotations.of(secret);
    JsonNode data = secret.path("data").path(PullSecret.DATA_KEY);
    if (!state.rotating()
        || state.tokenId().isEmpty()
        || state.issuedAt().isEmpty()
        || state.expiresAt().isEmpty()
        || !data.isTextual()) {
      return Optional.empty();
    }
    return Optional.of(
        new PendingToken(
            state.tokenId().get(),
            state.issuedAt().get(),
            state.expiresAt().get(),
            state.replaces(),
            data.asText(),
            state.switchedAt(),
            state.replacesSecrets()));
  }

  private static ObjectNode stored(ObjectNode secret, PendingToken token) {
    secret.withObject("/data").put(PullSecret.DATA_KEY, token.encodedConfig());
    ObjectNode annotations = annotations(secret);
    annotations.put(TOKEN_ID, token.tokenId());
    annotations.put(TOKEN_ISSUED_AT, token.issuedAt().toString());
    annotations.put(TOKEN_EXPIRES_AT, token.expiresAt().toString());
    annotations.put(ROTATION_STEP, TokenAnnotations.STORED);
    annotations.put(ROTATION_REPLACES, String.join(",", token.replaces()));
    annotations.remove(ROTATION_SWITCHED_AT);
    annotations.remove(TokenAnnotations.ROTATION_ISSUING);
    if (!token.replacedSecrets().isEmpty()) {
      annotations.put(
          TokenAnnotations.ROTATION_REPLACES_SECRETS, String.join(",", token.replacedSecrets()));
    }
    return secret;
  }

  private static ObjectNode annotations(ObjectNode secret) {
    return secret.withObject("/metadata").withObject("/annotations");
  }

  private static ObjectNode parse(String json) {
    try {
      JsonNode tree = ApiTransport.json().readTree(json);
      if (!(tree instanceof ObjectNode object)) {
        throw new IllegalArgumentException("a Secret must be a JSON object");
      }
      return object;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the Secret is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
