package io.github.pullsecrets.k8s;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The per-namespace outcome of applying or planning a pull Secret, in the order the namespaces were
 * given (or listed). A failure in one namespace never stops the others.
 *
 * @param secretName the Secret's name
 * @param planned whether this is a plan: nothing was written
 * @param results one result per namespace
 */
public record SecretReport(String secretName, boolean planned, List<SecretResult> results) {

  /** Checks the components and freezes the results. */
  public SecretReport {
    Objects.requireNonNull(secretName, "secretName");
    results = List.copyOf(results);
  }

  /**
   * Returns the results with one outcome.
   *
   * @param change the outcome
   * @return those results, in report order
   */
  public List<SecretResult> withChange(SecretChange change) {
    return results.stream().filter(result -> result.change() == change).toList();
  }

  /** Returns how many namespaces had each outcome; absent outcomes are left out. */
  public Map<SecretChange, Integer> counts() {
    Map<SecretChange, Integer> counts = new EnumMap<>(SecretChange.class);
    results.forEach(result -> counts.merge(result.change(), 1, Integer::sum));
    return Map.copyOf(counts);
  }

  /** Returns whether no namespace failed or conflicted, and no ServiceAccount attachment failed. */
  public boolean succeeded() {
    return results.stream()
        .noneMatch(
            r ->
                r.change() == SecretChange.FAILED
                    || r.change() == SecretChange.CONFLICT
                    || r.serviceAccount()
                        .map(a -> a.change() == AttachmentChange.FAILED)
                        .orElse(false));
  }
}
