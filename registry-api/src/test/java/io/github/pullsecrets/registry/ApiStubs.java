package io.github.pullsecrets.registry;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Shared constants, fixtures and client setup for the WireMock tests. */
final class ApiStubs {

  static final String BASE = "/containerregistries";
  static final String REGISTRY_ID = "0f8a4b2c-7d3e-4a1b-9c5d-6e7f8a9b0c1d";
  static final String TOKEN_ID = "5b0c7e1a-2f3d-4c5b-8a9e-1d2c3b4a5f6e";
  static final String HOSTNAME = "team-images.cr.de-fra.ionos.com";
  static final String API_TOKEN = "SENTINEL-api-jwt-7c1e";
  static final String PASSWORD = "SENTINEL-9f2c-one-time-password";
  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  static final RetryPolicy FAST_RETRIES =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), 2.0, 0.0);

  private ApiStubs() {}

  static String registryPath() {
    return BASE + "/registries/" + REGISTRY_ID;
  }

  static String tokensPath() {
    return registryPath() + "/tokens";
  }

  static String fixture(String name) {
    try (InputStream in = ApiStubs.class.getResourceAsStream("/ionos/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String errorBody(int status, String errorCode, String message) {
    return "{\"httpStatus\":"
        + status
        + ",\"messages\":[{\"errorCode\":\""
        + errorCode
        + "\",\"message\":\""
        + message
        + "\"}]}";
  }

  static ContainerRegistryClient.Builder client(WireMockExtension server, FakeTime time) {
    return ContainerRegistryClient.builder()
        .baseUrl(server.baseUrl())
        .bearerToken(API_TOKEN)
        .retryPolicy(FAST_RETRIES)
        .clock(time)
        .sleeper(time)
        .pollInterval(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(5));
  }
}
