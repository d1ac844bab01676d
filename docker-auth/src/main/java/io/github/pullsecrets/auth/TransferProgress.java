package io.github.pullsecrets.auth;

/**
 * Receives the progress of each blob of a push or copy. Called on the thread that transfers the
 * blob, often (about once per MiB); it should return quickly and not throw.
 */
@FunctionalInterface
public interface TransferProgress {

  /** A listener that ignores every report. */
  TransferProgress NONE = progress -> {};

  /**
   * Called when a blob has made progress or changed state.
   *
   * @param progress the blob and how far it has come
   */
  void onProgress(BlobProgress progress);
}
