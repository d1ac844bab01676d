package io.github.pullsecrets.k8s;

/**
 * How a write is made: {@code dryRun=All} (validated and admitted by the server, nothing stored),
 * and for server-side apply whether to take over fields another manager owns ({@code force=true}).
 * Immutable.
 *
 * @param dryRun whether the server only pretends to write
 * @param force whether server-side apply overrides other field managers' ownership
 */
public record WriteOptions(boolean dryRun, boolean force) {

  /**
   * Returns options for a real write without force.
   *
   * @return the options
   */
  public static WriteOptions defaults() {
    return new WriteOptions(false, false);
  }

  /**
   * Returns a copy with another dry-run setting.
   *
   * @param dryRun whether the server only pretends to write
   * @return the changed options
   */
  public WriteOptions withDryRun(boolean dryRun) {
    return new WriteOptions(dryRun, force);
  }

  /**
   * Returns a copy with another force setting.
   *
   * @param force whether server-side apply takes over conflicting fields
   * @return the changed options
   */
  public WriteOptions withForce(boolean force) {
    return new WriteOptions(dryRun, force);
  }
}
