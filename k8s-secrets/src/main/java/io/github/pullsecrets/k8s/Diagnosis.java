package io.github.pullsecrets.k8s;

import java.util.List;
import java.util.Objects;

/**
 * The image pull problems of a workload's or a pod's containers, one {@link Finding} per container
 * waiting in {@code ErrImagePull}, {@code ImagePullBackOff} or {@code InvalidImageName}.
 *
 * @param target what was diagnosed, e.g. {@code Deployment shop/api}
 * @param podsExamined the names of the pods looked at
 * @param findings the findings; empty when no container waits for its image
 */
public record Diagnosis(String target, List<String> podsExamined, List<Finding> findings) {

  /** Checks the components and freezes the lists. */
  public Diagnosis {
    Objects.requireNonNull(target, "target");
    podsExamined = List.copyOf(podsExamined);
    findings = List.copyOf(findings);
  }

  /** Returns whether no container is failing to pull its image. */
  public boolean healthy() {
    return findings.isEmpty();
  }

  /** Returns a few lines for people: one per finding with its cause and explanation. */
  public String describe() {
    if (findings.isEmpty()) {
      return target
          + ": no container is failing to pull its image ("
          + podsExamined.size()
          + " pods examined)";
    }
    StringBuilder text = new StringBuilder(target).append(':');
    for (Finding finding : findings) {
      text.append("\n- pod ")
          .append(finding.pod())
          .append(", container ")
          .append(finding.container())
          .append(" (")
          .append(finding.image())
          .append("): ")
          .append(finding.cause())
          .append(": ")
          .append(finding.explanation());
    }
    return text.toString();
  }
}
