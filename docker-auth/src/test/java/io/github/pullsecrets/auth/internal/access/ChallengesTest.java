package io.github.pullsecrets.auth.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengesTest {

  @Test
  void readsTheRegistrysBearerChallengeWithInsufficientScope() {
    String header =
        "Bearer realm=\"http://127.0.0.1:15002/token\",service=\"test-registry\","
            + "scope=\"repository:team/readonly:pull,push\",error=\"insufficient_scope\"";

    Challenge challenge = Challenges.parse(header).get(0);

    assertThat(challenge.bearer()).isTrue();
    assertThat(challenge.parameter("realm")).contains("http://127.0.0.1:15002/token");
    assertThat(challenge.parameter("scope")).contains("repository:team/readonly:pull,push");
    assertThat(challenge.insufficientScope()).isTrue();
  }

  @Test
  void readsSeveralChallengesInOneHeaderAndAcrossHeaders() {
    List<Challenge> challenges =
        Challenges.parse(
            List.of(
                "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic"
                    + " realm=\"simple\"",
                "bEaReR realm=\"https://auth.example/token\",service=\"r\""));

    assertThat(challenges)
        .extracting(Challenge::scheme)
        .containsExactly("newauth", "basic", "bearer");
    assertThat(challenges.get(0).parameter("title")).contains("Login to \"apps\"");
    assertThat(challenges.get(0).parameter("TYPE")).contains("1");
    assertThat(Challenges.first(challenges, "Bearer").flatMap(c -> c.parameter("service")))
        .contains("r");
  }

  @Test
  void acceptsSchemesWithoutParametersAndToken68() {
    List<Challenge> challenges = Challenges.parse("Negotiate, Basic abc+/==, Bearer");

    assertThat(challenges)
        .extracting(Challenge::scheme)
        .containsExactly("negotiate", "basic", "bearer");
    assertThat(challenges.get(1).parameters()).isEmpty();
  }

  @Test
  void keepsSpacesAndCommasInsideQuotedValues() {
    Challenge challenge =
        Challenges.parse("Bearer scope=\"repository:a:pull registry:catalog:*\" , realm = \"x, y\"")
            .get(0);

    assertThat(challenge.parameter("scope")).contains("repository:a:pull registry:catalog:*");
    assertThat(challenge.parameter("realm")).contains("x, y");
  }

  @Test
  void rejectsMalformedHeadersWithTypedErrorsThatDoNotQuoteTheInput() {
    List<String> hostile =
        List.of(
            "Bearer realm=\"SECRETunclosed",
            "Bearer realm=\"a\", x=",
            "Bearer realm=\"a\" realm2=\"b\"",
            "Bearer realm=\"a\",realm=\"SECRETb\"",
            "=x",
            "Bearer realm=\"a\u0001SECRET\"",
            "Bearer realm=\"a\";SECRET",
            "x".repeat(20_000));

    for (String header : hostile) {
      Throwable thrown = catchThrowable(() -> Challenges.parse(header));

      assertThat(thrown)
          .as(header.substring(0, Math.min(40, header.length())))
          .isInstanceOf(MalformedResponseException.class);
      assertThat(thrown.getMessage())
          .startsWith("WWW-Authenticate header")
          .doesNotContain("SECRET");
    }
  }

  @Test
  void emptyHeaderHasNoChallenges() {
    assertThat(Challenges.parse(" , ")).isEmpty();
  }
}
