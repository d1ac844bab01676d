package io.github.pullsecrets.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pullsecrets.auth.testing.RegistryExtension;
import io.github.pullsecrets.auth.testing.TestRegistries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Access checks against real docker-registry processes, Basic (htpasswd) and token auth. */
class RegistryAccessTest {

  @RegisterExtension static final RegistryExtension REGISTRIES = new RegistryExtension();

  private static RegistryAccess access() {
    return RegistryAccess.builder().caBundle(REGISTRIES.get().caPem())
        .retryPolicy(RetryPolicy.disabled()).build();
  }

  private static CredentialCheck basic(String user, String password) {
    return access().forCredential(RegistryCredential.of(registries().basicHost(), user,
        password));
  }

  private static CredentialCheck token(String user, String password) {
    return access().forCredential(RegistryCredential.of(registries().tokenHost(), user,
        password));
  }

  private static TestRegistries registries() {
    return REGISTRIES.get();
  }

  @Test
  void basicGoodPasswordCanPullWithDigestAndMediaType() {
    AccessResult result = basic(TestRegistries.ALICE, TestRegistries.ALICE_PASSWORD)
        .canPull(registries().basicHost() + "/team/app:1.0");

    assertThat(result.outcome()).isEqualTo(AccessOutcome.OK);
    assertThat(result.digest()).contains(registries().digest());
    assertThat(result.mediaType()).contains("application/vnd.oci.image.manifest.v1+json");
  }
}
