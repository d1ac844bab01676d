package io.github.pullsecrets.k8s;

import static io.github.pullsecrets.k8s.RotationFixture.EXPIRES;
import static io.github.pullsecrets.k8s.RotationFixture.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.pullsecrets.auth.CredentialScope;
import io.github.pullsecrets.auth.TokenInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The expiry inventory over a fake API server and an in-memory token list. */
class TokenInventoryTest {

  private static final FakeKubeApi API = new FakeKubeApi();

  @RegisterExtension static WireMockExtension kubeServer = RotationFixture.kubeServer(API);

  @RegisterExtension static WireMockExtension registry = RotationFixture.registryServer();

  private RotationFixture fixture() {
    RotationFixture fixture =
        new RotationFixture(API, kubeServer, registry, EXPIRES.minus(Duration.ofDays(10)));
    fixture.issuer.existing(
        "tok-push",
        EXPIRES.plus(Duration.ofDays(300)),
        List.of(
            new CredentialScope(
                "*", Set.of(CredentialScope.Action.PULL, CredentialScope.Action.PUSH))));
    fixture.issuer.existing("tok-spare", EXPIRES.plus(Duration.ofDays(300)));
    fixture.issuer.existing("tok-lapsed", EXPIRES.minus(Duration.ofDays(11)));
    fixture.putSecret("ci", "builder", "tok-push", fixture.host());
    fixture.putSecret("ci", "stale", "tok-deleted", fixture.host());
    fixture.putSecret("ci", "elsewhere", "tok-other", "quay.io");
    return fixture;
  }

  private ExpiryInventory scan(RotationFixture fixture) {
    return TokenInventory.builder(fixture.kube, fixture.issuer::tokens)
        .registry("reg-1")
        .registryHost(fixture.host())
        .horizon(Duration.ofDays(14))
        .clock(fixture.clock)
        .build()
        .scan();
  }

  @Test
  void listsThePullSecretsOfTheRegistryWithTheTokenTheyCarry() {
    ExpiryInventory inventory = scan(fixture());

    assertThat(inventory.secrets())
        .extracting(SecretToken::path, SecretToken::tokenId)
        .containsExactlyInAnyOrder(
            tuple("ci/builder", Optional.of("tok-push")),
            tuple("ci/stale", Optional.of("tok-deleted")),
            tuple("shop/dcd", Optional.of(OLD)),
            tuple("staging/dcd", Optional.of(OLD)));
    assertThat(inventory.secrets().get(0).expiresAt()).contains(EXPIRES);
    assertThat(inventory.tokens())
        .extracting(TokenInfo::id)
        .containsExactly(OLD, "tok-push", "tok-spare", "tok-lapsed");
  }

  @Test
  void flagsExpiringExpiredWriteScopedMissingAndUnusedTokens() {
    ExpiryInventory inventory = scan(fixture());

    assertThat(inventory.flagged(InventoryFlag.EXPIRING))
        .singleElement()
        .satisfies(f -> assertThat(f.tokenId()).isEqualTo(OLD))
        .satisfies(f -> assertThat(f.message()).isEqualTo("expires at " + EXPIRES));
    assertThat(inventory.flagged(InventoryFlag.EXPIRED))
        .extracting(InventoryFinding::tokenId)
        .containsExactly("tok-lapsed");
    assertThat(inventory.flagged(InventoryFlag.WRITE_SCOPE_IN_CLUSTER))
        .extracting(InventoryFinding::tokenId, InventoryFinding::secret)
        .containsExactly(tuple("tok-push", Optional.of("ci/builder")));
    assertThat(inventory.flagged(InventoryFlag.TOKEN_MISSING))
        .extracting(InventoryFinding::tokenId, InventoryFinding::secret)
        .containsExactly(tuple("tok-deleted", Optional.of("ci/stale")));
    assertThat(inventory.flagged(InventoryFlag.TOKEN_UNUSED))
        .extracting(InventoryFinding::tokenId)
        .containsExactly("tok-spare", "tok-lapsed");
  }

  @Test
  void aTokenJustOutsideTheHorizonIsNotFlagged() {
    RotationFixture fixture = fixture();
    fixture.clock.set(EXPIRES.minus(Duration.ofDays(14)).minusNanos(1));

    assertThat(scan(fixture).flagged(InventoryFlag.EXPIRING))
        .extracting(InventoryFinding::tokenId)
        .doesNotContain(OLD);

    fixture.clock.set(EXPIRES.minus(Duration.ofDays(14)));

    assertThat(scan(fixture).flagged(InventoryFlag.EXPIRING))
        .extracting(InventoryFinding::tokenId)
        .contains(OLD);
  }

  @Test
  void afterARotationTheNewTokenIsInUseAndTheOldOneIsGone() {
    RotationFixture fixture = fixture();
    fixture.rotation().build().run();

    ExpiryInventory inventory = scan(fixture);

    assertThat(inventory.flagged(InventoryFlag.TOKEN_UNUSED))
        .extracting(InventoryFinding::tokenId)
        .containsExactly("tok-spare", "tok-lapsed");
    assertThat(inventory.flagged(InventoryFlag.EXPIRING)).isEmpty();
    assertThat(inventory.secrets())
        .filteredOn(secret -> secret.name().equals("dcd"))
        .extracting(SecretToken::tokenId)
        .containsOnly(Optional.of("tok-5"));
  }
}
