package io.github.pullsecrets.k8s;

import io.github.pullsecrets.auth.RegistryCredential;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * One case of {@code cases-secrets.tsv} that kubectl refuses (a {@code .err} recording): the SDK
 * refuses the same input with a typed exception whose message names what is missing.
 *
 * @param id the case name in the TSV and in the vector file names
 * @param attempt the SDK calls with the same input
 * @param type the exception the SDK throws
 * @param missing the words of the message that name what is missing
 */
record RefusedSecretCase(
    String id, ThrowingCallable attempt, Class<? extends Exception> type, String missing) {

  private static final String REGISTRY = "registry.example.com";

  /** The refused cases: no name, no user name, no password and an empty password. */
  static final List<RefusedSecretCase> ALL =
      List.of(
          new RefusedSecretCase(
              "missing-name",
              () -> PullSecret.named(""),
              InvalidNameException.class,
              "metadata.name: Required value"),
          new RefusedSecretCase(
              "missing-username",
              () -> withCredential(RegistryCredential.of(REGISTRY, "", "s3cret")),
              IllegalArgumentException.class,
              "has no user name"),
          new RefusedSecretCase(
              "missing-password",
              () -> withCredential(RegistryCredential.of(REGISTRY, "alice", "")),
              IllegalArgumentException.class,
              "has no password"),
          new RefusedSecretCase(
              "empty-password",
              () -> withCredential(RegistryCredential.of(REGISTRY, "alice", "")),
              IllegalArgumentException.class,
              "has no password"));

  private static void withCredential(RegistryCredential credential) {
    PullSecret.named("regcred").addCredential(credential).build();
  }

  @Override
  public String toString() {
    return id;
  }
}
