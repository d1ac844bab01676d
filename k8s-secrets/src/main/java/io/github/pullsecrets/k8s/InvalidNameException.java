package io.github.pullsecrets.k8s;

import java.util.List;

/**
 * Thrown when a name, a namespace, a label or an annotation key would be rejected by the Kubernetes
 * API server, with the server's own message: {@code Secret "My_Secret" is invalid: metadata.name:
 * Invalid value: "My_Secret": a lowercase RFC 1123 subdomain must consist of ...}.
 *
 * <p>kubectl's {@code --dry-run=client} accepts such names and the failure only shows when the
 * object reaches a cluster; the SDK rejects them up front.
 */
public final class InvalidNameException extends KubernetesException {

  private final String kind;
  private final String field;
  private final String value;
  private final List<String> causes;

  /**
   * Creates the exception from the causes the API server would list.
   *
   * @param kind the resource kind, such as {@code Secret}
   * @param objectName the object's name as the server would quote it
   * @param field the field path, such as {@code metadata.name}
   * @param value the rejected value
   * @param causes the server's cause texts, each starting with the field path
   */
  public InvalidNameException(
      String kind, String objectName, String field, String value, List<String> causes) {
    super(message(kind, objectName, causes));
    this.kind = kind;
    this.field = field;
    this.value = value;
    this.causes = List.copyOf(causes);
  }

  /** Returns the resource kind the name was checked for, such as {@code Secret}. */
  public String kind() {
    return kind;
  }

  /** Returns the field path, such as {@code metadata.name} or {@code metadata.namespace}. */
  public String field() {
    return field;
  }

  /** Returns the rejected value: the name, namespace, label key or value, or annotation key. */
  public String value() {
    return value;
  }

  /** Returns the API server's cause texts, in the server's order. */
  public List<String> causes() {
    return causes;
  }

  private static String message(String kind, String objectName, List<String> causes) {
    String joined = causes.size() == 1 ? causes.get(0) : "[" + String.join(", ", causes) + "]";
    return kind + " " + objectName + " is invalid: " + joined;
  }
}
