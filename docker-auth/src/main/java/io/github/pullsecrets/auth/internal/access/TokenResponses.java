package io.github.pullsecrets.auth.internal.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pullsecrets.auth.internal.JsonErrors;
import io.github.pullsecrets.auth.internal.http.JsonSupport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a token server's response as the distribution token specification describes it: {@code
 * token}, else {@code access_token}; {@code expires_in} in seconds, 60 when absent and never less
 * than 60; {@code issued_at} in RFC 3339, else the time of receipt; and {@code refresh_token}.
 * Errors never quote the body, which holds the token.
 */
public final class TokenResponses {

  /** The lifetime assumed when the server gives none, and the shortest one accepted. */
  public static final Duration MINIMUM_LIFETIME = Duration.ofSeconds(60);

  private static final long MAXIMUM_SECONDS = Duration.ofDays(3660).toSeconds();
  private static final int MAXIMUM_BODY = 1024 * 1024;
  private static final ObjectMapper MAPPER = JsonSupport.newMapper();

  private TokenResponses() {}

  /**
   * Parses a token response body.
   *
   * @param body the response body
   * @param receivedAt when the response arrived
   * @return the token and its expiry
   * @throws MalformedResponseException if the body is not a token response
   */
  public static BearerToken parse(byte[] body, Instant receivedAt) {
    JsonNode root = readObject(body);
    String token = token(root);
    Duration lifetime = lifetime(root.get("expires_in"));
    Instant issuedAt = issuedAt(root.get("issued_at"), receivedAt);
    return new BearerToken(token, issuedAt.plus(lifetime), refreshToken(root));
  }

  private static JsonNode readObject(byte[] body) {
    if (body.length > MAXIMUM_BODY) {
      throw failure("is larger than " + MAXIMUM_BODY + " bytes");
    }
    JsonNode root = readTree(body);
    if (root == null || !root.isObject()) {
      throw failure("is not a JSON object");
    }
    return root;
  }

  private static JsonNode readTree(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw failure("is not valid JSON" + JsonErrors.where(e));
    } catch (IOException e) {
      throw failure("could not be read");
    }
  }

  private static String token(JsonNode root) {
    String token = text(root, "token");
    if (token.isEmpty()) {
      token = text(root, "access_token");
    }
    if (token.isEmpty()) {
      throw failure("has neither \"token\" nor \"access_token\"");
    }
    requireHeaderSafe(token, "the token");
    return token;
  }

  private static String refreshToken(JsonNode root) {
    String refresh = text(root, "refresh_token");
    requireHeaderSafe(refresh, "\"refresh_token\"");
    return refresh;
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      throw failure("has \"" + field + "\" of type " + node.getNodeType() + ", not a string");
    }
    return node.asText();
  }

  private static void requireHeaderSafe(String value, String what) {
    if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw failure("has " + what + " with characters not allowed in an HTTP header");
    }
  }

  private static Duration lifetime(JsonNode expiresIn) {
    if (expiresIn == null || expiresIn.isNull()) {
      return MINIMUM_LIFETIME;
    }
    if (!expiresIn.isIntegralNumber()) {
      throw failure("has \"expires_in\" that is not a whole number of seconds");
    }
    if (!expiresIn.canConvertToLong() || expiresIn.asLong() > MAXIMUM_SECONDS) {
      return Duration.ofSeconds(MAXIMUM_SECONDS);
    }
    Duration given = Duration.ofSeconds(expiresIn.asLong());
    return given.compareTo(MINIMUM_LIFETIME) < 0 ? MINIMUM_LIFETIME : given;
  }

  private static Instant issuedAt(JsonNode issuedAt, Instant receivedAt) {
    if (issuedAt == null || issuedAt.isNull()) {
      return receivedAt;
    }
    if (!issuedAt.isTextual()) {
      throw failure("has \"issued_at\" that is not an RFC 3339 string");
    }
    try {
      return OffsetDateTime.parse(issuedAt.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw failure("has \"issued_at\" that is not an RFC 3339 date-time");
    }
  }

  private static MalformedResponseException failure(String problem) {
    return new MalformedResponseException("token response " + problem);
  }
}
