package io.github.pullsecrets.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class SensitiveHeadersTest {

  @Test
  void describeRedactsCredentialsAndKeepsOtherHeaders() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://api.example/registries"))
            .header("Authorization", "Bearer sentinel-jwt")
            .header("Cookie", "session=sentinel-cookie")
            .header("Accept", "application/json")
            .GET()
            .build();

    String described = SensitiveHeaders.describe(request);

    assertThat(described)
        .startsWith("GET https://api.example/registries ")
        .contains("Authorization=<redacted>", "Cookie=<redacted>", "Accept=[application/json]")
        .doesNotContain("sentinel");
  }

  @Test
  void recognisesSensitiveNamesInAnyCase() {
    assertThat(SensitiveHeaders.isSensitive("proxy-AUTHORIZATION")).isTrue();
    assertThat(SensitiveHeaders.isSensitive("X-Contract-Number")).isFalse();
  }
}
