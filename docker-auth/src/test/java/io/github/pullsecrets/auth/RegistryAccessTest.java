package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pullsecrets.auth.testing.RegistryExtension;
import io.github.pullsecrets.auth.testing.TestRegistries;
import io.github.pullsecrets.auth.testing.TestRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Access checks against real docker-registry processes, Basic (htpasswd) and token auth. */
class RegistryAccessTest {

  @RegisterExtension static final RegistryExtension REGISTRIES = new RegistryExtension();

  private static RegistryAccess access() {
    return RegistryAccess.builder()
        .caBundle(registries().caPem())
        .retryPolicy(RetryPolicy.disabled())
        .build();
  }

  private static CredentialCheck basic(String user, String password) {
    return access().forCredential(RegistryCredential.of(registries().basicHost(), user, password));
  }

  private static CredentialCheck token(String user, String password) {
    return access().forCredential(RegistryCredential.of(registries().tokenHost(), user, password));
  }

  private static TestRegistries registries() {
    return REGISTRIES.get();
  }

  private static String basicImage(String path) {
    return registries().basicHost() + "/" + path;
  }

  private static String tokenImage(String path) {
    return registries().tokenHost() + "/" + path;
  }

  @Test
  void basicGoodPasswordCanPullWithDigestAndMediaType() {
    AccessResult result = basic("alice", "s3cret").canPull(basicImage("team/app:1.0"));

    assertThat(result.outcome()).isEqualTo(AccessOutcome.OK);
    assertThat(result.digest()).contains(registries().digest());
    assertThat(result.mediaType()).contains("application/vnd.oci.image.manifest.v1+json");
  }

  @Test
  void basicWrongPasswordIsBadCredentials() {
    AccessResult result = basic("alice", "wrong").canPull(basicImage("team/app:1.0"));

    assertThat(result.outcome()).isEqualTo(AccessOutcome.BAD_CREDENTIALS);
    assertThat(result.status()).hasValue(401);
  }

  @Test
  void basicEmptyPasswordIsBadCredentials() {
    CredentialCheck check = basic("alice", "");

    assertThat(check.canPull(basicImage("team/app:1.0")).outcome())
        .isEqualTo(AccessOutcome.BAD_CREDENTIALS);
    assertThat(check.ping().outcome()).isEqualTo(AccessOutcome.BAD_CREDENTIALS);
  }

  @Test
  void basicPingAcceptsGoodAndRejectsWrongPassword() {
    assertThat(basic("alice", "s3cret").ping().outcome()).isEqualTo(AccessOutcome.OK);
    assertThat(basic("alice", "nope").ping().outcome()).isEqualTo(AccessOutcome.BAD_CREDENTIALS);
  }

  @Test
  void missingTagIsNotFoundWithTheRegistrysErrorCode() {
    AccessResult result = basic("alice", "s3cret").canPull(basicImage("team/app:nope"));

    assertThat(result.outcome()).isEqualTo(AccessOutcome.NOT_FOUND);
    assertThat(result.status()).hasValue(404);
    assertThat(result.errorCodes()).containsExactly("MANIFEST_UNKNOWN");
  }

  @Test
  void digestReferenceIsPulledByDigest() {
    String digest = registries().digest();

    AccessResult result = token("puller", "pullpw").canPull(tokenImage("team/app@" + digest));

    assertThat(result.outcome()).isEqualTo(AccessOutcome.OK);
    assertThat(result.digest()).contains(digest);
  }

  @Test
  void tokenGoodPasswordCanPullAndPush() {
    CredentialCheck check = token("alice", "s3cret");

    assertThat(check.canPull(tokenImage("team/app:1.1")).outcome()).isEqualTo(AccessOutcome.OK);
    assertThat(check.canPush(tokenImage("team/app")).outcome()).isEqualTo(AccessOutcome.OK);
    assertThat(check.ping().outcome()).isEqualTo(AccessOutcome.OK);
  }

  @Test
  void tokenWrongAndEmptyPasswordsAreBadCredentialsFromTheTokenServer() {
    AccessResult wrong = token("alice", "wrong").canPull(tokenImage("team/app:1.0"));
    AccessResult empty = token("alice", "").canPull(tokenImage("team/app:1.0"));

    assertThat(wrong.outcome()).isEqualTo(AccessOutcome.BAD_CREDENTIALS);
    assertThat(wrong.errorCodes()).containsExactly("UNAUTHORIZED");
    assertThat(empty.outcome()).isEqualTo(AccessOutcome.BAD_CREDENTIALS);
  }

  @Test
  void pullOnlyTokenCanPullButNotPush() {
    CredentialCheck check = token("puller", "pullpw");

    AccessResult pull = check.canPull(tokenImage("team/app:1.0"));
    AccessResult push = check.canPush(tokenImage("team/app"));

    assertThat(pull.outcome()).isEqualTo(AccessOutcome.OK);
    assertThat(push.outcome()).isEqualTo(AccessOutcome.NO_ACCESS);
    assertThat(push.noAccessReason()).contains(NoAccessReason.INSUFFICIENT_SCOPE);
    assertThat(push.status()).hasValue(401);
  }

  @Test
  void tokenForAnotherRepositoryHasNoAccess() {
    AccessResult result = token("other", "otherpw").canPull(tokenImage("team/app:1.0"));

    assertThat(result.outcome()).isEqualTo(AccessOutcome.NO_ACCESS);
    assertThat(result.noAccessReason()).contains(NoAccessReason.INSUFFICIENT_SCOPE);
    assertThat(token("other", "otherpw").canPull(tokenImage("team/other:1.0")).ok()).isTrue();
  }

  @Test
  void expiredAccountIsBadCredentials() {
    AccessResult result = token("expired", "expiredpw").canPull(tokenImage("team/app:1.0"));

    assertThat(result.outcome()).isEqualTo(AccessOutcome.BAD_CREDENTIALS);
    assertThat(result.status()).hasValue(401);
  }

  @Test
  void cachedTokenIsReusedUntilItExpiresThenFetchedAgain() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    CredentialCheck check =
        RegistryAccess.builder()
            .caBundle(registries().caPem())
            .clock(clock)
            .build()
            .forCredential(RegistryCredential.of(registries().tokenHost(), "puller", "pullpw"));
    int before = registries().issuer().requests().size();

    check.canPull(tokenImage("team/app:1.0"));
    check.canPull(tokenImage("team/app:1.1"));
    int afterTwoChecks = registries().issuer().requests().size();
    now.set(now.get().plus(Duration.ofMinutes(10)));
    AccessResult later = check.canPull(tokenImage("team/app:1.0"));

    assertThat(afterTwoChecks - before).isEqualTo(1);
    assertThat(registries().issuer().requests().size() - afterTwoChecks).isEqualTo(1);
    assertThat(later.ok()).isTrue();
  }

  @Test
  void tokenRequestCarriesServiceScopeAndAccount() {
    int before = registries().issuer().requests().size();

    token("puller", "pullpw").canPull(tokenImage("team/other:1.0"));

    assertThat(registries().issuer().requests().subList(before, before + 1))
        .singleElement()
        .asString()
        .startsWith("GET ")
        .contains("service=test-registry")
        .contains("scope=repository%3Ateam%2Fother%3Apull")
        .contains("account=puller");
  }

  @Test
  void untrustedCertificateIsTlsFailureNamingTheHost() {
    CredentialCheck check =
        RegistryAccess.builder()
            .build()
            .forCredential(RegistryCredential.of(registries().basicHost(), "alice", "s3cret"));

    AccessResult result = check.canPull(basicImage("team/app:1.0"));

    assertThat(result.outcome()).isEqualTo(AccessOutcome.TLS_FAILURE);
    assertThat(result.host()).isEqualTo(registries().basicHost());
    assertThat(result.detail()).contains(registries().basicHost()).contains("certification path");
  }

  @Test
  void closedPortIsUnreachable() {
    String host = "127.0.0.1:" + TestRegistry.freePort();
    CredentialCheck check = access().forCredential(RegistryCredential.of(host, "a", "b"));

    AccessResult result = check.canPull(host + "/team/app:1.0");

    assertThat(result.outcome()).isEqualTo(AccessOutcome.UNREACHABLE);
    assertThat(result.host()).isEqualTo(host);
    assertThat(result.status()).isEmpty();
  }

  @Test
  void plainHttpToATlsRegistryIsNotOk() {
    CredentialCheck check =
        RegistryAccess.builder()
            .insecure(true)
            .retryPolicy(RetryPolicy.disabled())
            .build()
            .forCredential(RegistryCredential.of(registries().basicHost(), "alice", "s3cret"));

    AccessResult result = check.canPull(basicImage("team/app:1.0"));

    assertThat(result.ok()).isFalse();
  }

  @Test
  void tagsAndCatalogArePagedThroughLinkHeaders() {
    CredentialCheck check =
        RegistryAccess.builder()
            .caBundle(registries().caPem())
            .pageSize(1)
            .build()
            .forCredential(RegistryCredential.of(registries().tokenHost(), "alice", "s3cret"));

    Listing tags = check.tags(tokenImage("team/app"));
    Listing catalog = check.catalog();

    assertThat(tags.result().ok()).isTrue();
    assertThat(tags.names()).containsExactlyInAnyOrder("1.0", "1.1");
    assertThat(catalog.result().ok()).isTrue();
    assertThat(catalog.names()).containsExactly("team/app", "team/other");
    assertThat(catalog.result().detail()).contains("2 page(s)");
  }

  @Test
  void catalogWithoutTheCatalogGrantHasNoAccess() {
    Listing catalog = token("puller", "pullpw").catalog();

    assertThat(catalog.result().outcome()).isEqualTo(AccessOutcome.NO_ACCESS);
    assertThat(catalog.names()).isEmpty();
  }

  @Test
  void identityTokenFromLoginIsExchangedThroughTheRefreshTokenPost() {
    DockerConfigFile config = DockerConfigFile.in(registries().newDirectory("docker"));
    access().login(RegistryCredential.of(registries().tokenHost(), "alice", "s3cret"), config);
    RegistryCredential stored =
        config
            .lookup(registries().tokenHost(), CredentialHelpers.disabled())
            .credential()
            .orElseThrow();
    int before = registries().issuer().requests().size();

    AccessResult result = access().forCredential(stored).canPull(tokenImage("team/app:1.0"));

    assertThat(stored.identityToken()).isPresent();
    assertThat(stored.password()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(registries().issuer().requests().subList(before, before + 1))
        .singleElement()
        .asString()
        .startsWith("POST ")
        .contains("grant_type=refresh_token")
        .contains("scope=repository%3Ateam%2Fapp%3Apull");
  }

  @Test
  void sentinelSecretNeverReachesResultsLogsOrConfigFileText() throws Exception {
    String sentinel = "SENTINELs3cr3t7f1d";
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = capture(records);
    Logger logger = Logger.getLogger("io.github.pullsecrets");
    Level previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
    List<String> shown = new ArrayList<>();
    try {
      for (String host : List.of(registries().basicHost(), registries().tokenHost())) {
        CredentialCheck check =
            access().forCredential(RegistryCredential.of(host, "alice", sentinel));
        shown.add(check.toString());
        shown.add(check.canPull(host + "/team/app:1.0").toString());
        shown.add(check.canPush(host + "/team/app").toString());
        shown.add(check.ping().toString());
        shown.add(check.catalog().toString());
        shown.add(
            access()
                .login(
                    RegistryCredential.of(host, "alice", sentinel),
                    DockerConfigFile.in(registries().newDirectory("s")))
                .toString());
      }
      shown.add(
          access()
              .forCredential(
                  RegistryCredential.withIdentityToken(registries().tokenHost(), "alice", sentinel))
              .canPull(tokenImage("team/app:1.0"))
              .toString());
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(previous);
    }
    records.forEach(r -> shown.add(r.getMessage() + " " + r.getThrown()));

    assertThat(records)
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(r.getLevel().intValue()).isLessThanOrEqualTo(Level.FINE.intValue()));
    assertThat(String.join("\n", shown))
        .doesNotContain(sentinel)
        .doesNotContain(Entry.encodeAuth("alice", sentinel))
        .doesNotContain("SENTINEL");
  }

  private static Handler capture(List<LogRecord> records) {
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(Level.ALL);
    return handler;
  }
}
