package io.github.pullsecrets.k8s;

import java.util.Objects;
import java.util.Optional;

/**
 * What one patch operation did to one object of a manifest stream: which document (and which item
 * of a {@code kind: List} document), the object's kind and name, and the outcome, with the reason
 * when nothing was done. Instances are immutable.
 */
public final class ManifestChange {

  /** What happened to an object. */
  public enum Outcome {
    /** The reference was added. */
    ATTACHED,
    /** The reference was already there; nothing changed. */
    ALREADY_PRESENT,
    /** Every reference with the name was removed. */
    DETACHED,
    /** There was no reference to remove; nothing changed. */
    NOT_PRESENT,
    /** The object is not patched (not a workload, or a ServiceAccount not asked for). */
    NOT_A_WORKLOAD,
    /** The object looks like a workload but its shape is not understood; it was left as is. */
    NOT_UNDERSTOOD
  }

  private final int documentIndex;
  private final int itemIndex;
  private final int line;
  private final String kind;
  private final String name;
  private final Outcome outcome;
  private final String reason;

  ManifestChange(
      int documentIndex,
      int itemIndex,
      int line,
      String kind,
      String name,
      Outcome outcome,
      String reason) {
    this.documentIndex = documentIndex;
    this.itemIndex = itemIndex;
    this.line = line;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.name = Objects.requireNonNull(name, "name");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns the index of the document in the stream, counted from 0. */
  public int documentIndex() {
    return documentIndex;
  }

  /** Returns the index in the {@code items} of a list document, if the object is an item. */
  public Optional<Integer> itemIndex() {
    return itemIndex < 0 ? Optional.empty() : Optional.of(itemIndex);
  }

  /** Returns the line, counted from 1 in the whole file, where the document starts. */
  public int line() {
    return line;
  }

  /** Returns the object's kind, or an empty string when it has none. */
  public String kind() {
    return kind;
  }

  /** Returns the object's {@code metadata.name}, or an empty string when it has none. */
  public String name() {
    return name;
  }

  /** Returns what happened. */
  public Outcome outcome() {
    return outcome;
  }

  /** Returns why the object was not patched, for the two outcomes that leave it alone. */
  public Optional<String> reason() {
    return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
  }

  /** Returns whether the object was changed. */
  public boolean changed() {
    return outcome == Outcome.ATTACHED || outcome == Outcome.DETACHED;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ManifestChange)) {
      return false;
    }
    ManifestChange that = (ManifestChange) other;
    return documentIndex == that.documentIndex
        && itemIndex == that.itemIndex
        && line == that.line
        && kind.equals(that.kind)
        && name.equals(that.name)
        && outcome == that.outcome
        && reason.equals(that.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(documentIndex, itemIndex, line, kind, name, outcome, reason);
  }

  /**
   * Returns a one-line summary such as {@code document 3 (line 45) Deployment frontend: ATTACHED}.
   */
  @Override
  public String toString() {
    String item = itemIndex < 0 ? "" : " item " + itemIndex;
    String object = (kind.isEmpty() ? "" : " " + kind) + (name.isEmpty() ? "" : " " + name);
    String why = reason.isEmpty() ? "" : " (" + reason + ")";
    return "document "
        + documentIndex
        + item
        + " (line "
        + line
        + ")"
        + object
        + ": "
        + outcome
        + why;
  }
}
