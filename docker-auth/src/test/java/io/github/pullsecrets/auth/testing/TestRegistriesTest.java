package io.github.pullsecrets.auth.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The fixture itself: a start that fails at a later step leaves no process and no files behind. */
class TestRegistriesTest {

  @Test
  void failureAfterTheProcessesStartedClosesThem() {
    assumeThat(Programs.missing(TestRegistries.PROGRAMS))
        .as("programs needed for the real-registry fixture are missing")
        .isEmpty();
    List<Long> pids = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    AtomicReference<Path> directory = new AtomicReference<>();

    assertThatThrownBy(
            () ->
                TestRegistries.start(
                    registries -> {
                      pids.addAll(registries.pids());
                      hosts.add(registries.basicHost());
                      hosts.add(registries.tokenHost());
                      directory.set(registries.directory());
                      assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).isTrue());
                      throw new IllegalStateException("forced failure before filling");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("forced failure before filling");

    assertThat(pids).hasSize(2).allSatisfy(pid -> assertThat(alive(pid)).isFalse());
    assertThat(hosts).allSatisfy(host -> assertThat(accepts(host)).isFalse());
    assertThat(directory.get()).doesNotExist();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static boolean accepts(String host) {
    int port = Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
