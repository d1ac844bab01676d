package io.github.pullsecrets.auth;

/**
 * Receives one event for each retry a client makes. Called on the thread that sends the request,
 * before the wait; it should return quickly and not throw.
 */
@FunctionalInterface
public interface RetryListener {

  /** A listener that ignores every event. */
  RetryListener NONE = event -> {};

  /**
   * Called when a request is about to be repeated.
   *
   * @param event what failed and how long the client waits
   */
  void onRetry(RetryEvent event);
}
