package io.github.pullsecrets.auth.testing;

import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@link TestRegistries} once per test class and stops them after it, whether its tests pass
 * or fail. Skips the class, naming the programs, only when a needed program is not installed.
 * Register as a static field with {@code @RegisterExtension}.
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback {

  private TestRegistries registries;

  @Override
  public void beforeAll(ExtensionContext context) {
    assumeThat(Programs.missing(TestRegistries.PROGRAMS))
        .as(
            "programs needed for the real-registry tests (apt-get install docker-registry skopeo"
                + " apache2-utils openssl) are missing")
        .isEmpty();
    registries = TestRegistries.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (registries != null) {
      registries.close();
      registries = null;
    }
  }

  /** Returns the running registries. */
  public TestRegistries get() {
    if (registries == null) {
      throw new IllegalStateException("the registries are not running");
    }
    return registries;
  }
}
