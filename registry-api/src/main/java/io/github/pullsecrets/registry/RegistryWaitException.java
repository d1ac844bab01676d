package io.github.pullsecrets.registry;

import java.util.List;

/**
 * A wait for a registry ended without the expected outcome: it timed out, or the registry reached a
 * failed state. The message names the registry and the last state seen.
 */
public final class RegistryWaitException extends ContainerRegistryException {

  private static final long serialVersionUID = 1L;

  private final String registryId;
  private final String lastState;

  /**
   * Creates the exception.
   *
   * @param registryId the registry waited for
   * @param lastState the last {@code metadata.state} seen, or an empty string if none
   * @param detail why the wait ended
   */
  public RegistryWaitException(String registryId, String lastState, String detail) {
    super("", "", 0, List.of(), "", detail, null);
    this.registryId = registryId;
    this.lastState = lastState;
  }

  /** Returns the id of the registry waited for. */
  public String registryId() {
    return registryId;
  }

  /** Returns the last state seen, empty if the registry was never read. */
  public String lastState() {
    return lastState;
  }
}
