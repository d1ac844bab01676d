package io.github.pullsecrets.auth.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenResponsesTest {

  private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");

  private static BearerToken parse(String json) {
    return TokenResponses.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
  }

  @Test
  void readsTokenExpiresInAndIssuedAt() {
    BearerToken token =
        parse(
            "{\"token\":\"abc\",\"access_token\":\"abc\",\"expires_in\":300,"
                + "\"issued_at\":\"2026-12-03T17:51:58Z\",\"refresh_token\":\"r1\"}");

    assertThat(token.value()).isEqualTo("abc");
    assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-12-03T17:56:58Z"));
    assertThat(token.refreshToken()).contains("r1");
    assertThat(token.authorization()).isEqualTo("Bearer abc");
  }

  @Test
  void fallsBackToAccessTokenAndDefaultsTheLifetimeToSixtySeconds() {
    BearerToken token = parse("{\"access_token\":\"xyz\"}");

    assertThat(token.value()).isEqualTo("xyz");
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(token.refreshToken()).isEmpty();
  }

  @Test
  void raisesShortLifetimesToSixtySecondsAndCapsHugeOnes() {
    assertThat(parse("{\"token\":\"a\",\"expires_in\":5}").expiresAt())
        .isEqualTo(NOW.plusSeconds(60));
    assertThat(parse("{\"token\":\"a\",\"expires_in\":99999999999999999999999}").expiresAt())
        .isAfter(NOW.plusSeconds(86_400 * 365));
  }

  @Test
  void rejectsHostileBodiesWithTypedErrorsThatNeverQuoteTheToken() {
    List<String> bodies =
        List.of(
            "",
            "null",
            "[\"SECRET\"]",
            "{\"token\":\"SECRET\"",
            "{\"token\":42}",
            "{}",
            "{\"token\":\"\"}",
            "{\"token\":\"SEC RET\"}",
            "{\"token\":\"SECRET\\r\\nX-Evil: 1\"}",
            "{\"token\":\"SECRET\",\"expires_in\":\"300\"}",
            "{\"token\":\"SECRET\",\"expires_in\":1.5}",
            "{\"token\":\"SECRET\",\"issued_at\":\"x\"}",
            "{\"token\":\"SECRET\",\"issued_at\":5}",
            "{\"token\":\"SECRET\"} trailing",
            "{\"token\":\"SECRET\",\"refresh_token\":[1]}");

    for (String body : bodies) {
      Throwable thrown = catchThrowable(() -> parse(body));

      assertThat(thrown).as(body).isInstanceOf(MalformedResponseException.class);
      assertThat(thrown.getMessage()).startsWith("token response").doesNotContain("SECRET");
      assertThat(thrown.getCause()).isNull();
    }
  }

  @Test
  void tokenToStringHidesTheToken() {
    assertThat(parse("{\"token\":\"SECRETvalue\"}").toString()).doesNotContain("SECRET");
  }
}
