package io.github.pullsecrets.k8s.internal.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The annotations a pull Secret carries about its token and about a rotation in progress, read from
 * the Secret as the API server returns it. Values that do not parse count as absent.
 *
 * @param tokenId the id of the token in {@code .dockerconfigjson}
 * @param issuedAt when that token was issued
 * @param expiresAt when that token expires
 * @param step the rotation step this Secret has reached, while a rotation is in progress
 * @param replaces the ids of the tokens the rotation replaces
 * @param switchedAt when every Secret had the new token, once reached
 * @param replacesSecrets the Secret names a rotation to a new name replaces
 */
public record TokenAnnotations(
    Optional<String> tokenId,
    Optional<Instant> issuedAt,
    Optional<Instant> expiresAt,
    Optional<String> step,
    List<String> replaces,
    Optional<Instant> switchedAt,
    List<String> replacesSecrets) {

  private static final String PREFIX = "pullsecrets.io/";

  /** The id of the token the Secret carries. */
  public static final String TOKEN_ID = PREFIX + "token-id";

  /** When the token the Secret carries was issued (ISO-8601 instant). */
  public static final String TOKEN_ISSUED_AT = PREFIX + "token-issued-at";

  /** When the token the Secret carries expires (ISO-8601 instant). */
  public static final String TOKEN_EXPIRES_AT = PREFIX + "token-expires-at";

  /** The rotation step reached: {@value #STORED} or {@value #SWITCHED}; absent when idle. */
  public static final String ROTATION_STEP = PREFIX + "rotation-step";

  /** Comma-separated ids of the tokens an unfinished rotation will revoke. */
  public static final String ROTATION_REPLACES = PREFIX + "rotation-replaces";

  /** When every Secret carried the new token; the grace period counts from here. */
  public static final String ROTATION_SWITCHED_AT = PREFIX + "rotation-switched-at";

  /** Comma-separated names of the Secrets a rotation to a new Secret name replaces. */
  public static final String ROTATION_REPLACES_SECRETS = PREFIX + "rotation-replaces-secrets";

  /**
   * The name of a token a rotation is about to issue, written before the issuer is asked and
   * removed once a Secret stores the token; found by a later run, it names a token that may be
   * lost.
   */
  public static final String ROTATION_ISSUING = PREFIX + "rotation-issuing";

  /** The label that groups the Secrets a rotation to new names made from one base name. */
  public static final String ROTATION_OF = PREFIX + "rotation-of";

  /** Step value: this Secret carries the new token, others may not yet. */
  public static final String STORED = "stored";

  /** Step value: every Secret carries the new token; the grace period runs. */
  public static final String SWITCHED = "switched";

  /** Copies the list. */
  public TokenAnnotations {
    replaces = List.copyOf(replaces);
    replacesSecrets = List.copyOf(replacesSecrets);
  }

  /**
   * Reads the name of the token a rotation was issuing when it stopped.
   *
   * @param secret the Secret as JSON
   * @return the token name, or empty
   */
  public static Optional<String> issuing(JsonNode secret) {
    return text(secret.path("metadata").path("annotations"), ROTATION_ISSUING);
  }

  /**
   * Reads the annotations of a Secret.
   *
   * @param secret the Secret as JSON
   * @return what it says
   */
  public static TokenAnnotations of(JsonNode secret) {
    JsonNode annotations = secret.path("metadata").path("annotations");
    return new TokenAnnotations(
        text(annotations, TOKEN_ID),
        text(annotations, TOKEN_ISSUED_AT).flatMap(TokenAnnotations::instant),
        text(annotations, TOKEN_EXPIRES_AT).flatMap(TokenAnnotations::instant),
        text(annotations, ROTATION_STEP),
        text(annotations, ROTATION_REPLACES).map(TokenAnnotations::ids).orElse(List.of()),
        text(annotations, ROTATION_SWITCHED_AT).flatMap(TokenAnnotations::instant),
        text(annotations, ROTATION_REPLACES_SECRETS).map(TokenAnnotations::ids).orElse(List.of()));
  }

  /** Returns whether a rotation has written this Secret and not yet finished. */
  public boolean rotating() {
    return step.isPresent();
  }

  private static Optional<String> text(JsonNode annotations, String key) {
    JsonNode value = annotations.path(key);
    return value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static List<String> ids(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
