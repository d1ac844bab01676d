package io.github.pullsecrets.benchmarks.fanout;

import io.github.pullsecrets.auth.RegistryCredential;
import java.util.List;

/**
 * One way of making sure each namespace has the pull Secret {@value #SECRET} for a credential and
 * its ServiceAccount {@code default} lists it in {@code imagePullSecrets}.
 */
interface FanOut extends AutoCloseable {

  String SECRET = "regcred";
  String REGISTRY = "registry.example.com";

  /** Does the work in every namespace; throws if any namespace failed. */
  void run(List<String> namespaces, RegistryCredential credential) throws Exception;

  static RegistryCredential credential(String password) {
    return RegistryCredential.of(REGISTRY, "shop-puller", password);
  }

  @Override
  default void close() {}
}
