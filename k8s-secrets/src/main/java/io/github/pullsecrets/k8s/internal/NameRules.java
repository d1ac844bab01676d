package io.github.pullsecrets.k8s.internal;

import io.github.pullsecrets.k8s.InvalidNameException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The API server's name checks (apimachinery {@code IsDNS1123Subdomain} and {@code
 * IsDNS1123Label}), with its exact cause texts.
 */
public final class NameRules {

  private static final String LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FORMAT = LABEL_FORMAT + "(\\." + LABEL_FORMAT + ")*";
  private static final Pattern LABEL = Pattern.compile(LABEL_FORMAT);
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
  private static final int SUBDOMAIN_MAX = 253;
  private static final int LABEL_MAX = 63;
  private static final String SUBDOMAIN_MESSAGE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is '"
          + SUBDOMAIN_FORMAT
          + "')";
  private static final String LABEL_MESSAGE =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '"
          + LABEL_FORMAT
          + "')";

  private static final String QUALIFIED_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE_FORMAT = "(" + QUALIFIED_FORMAT + ")?";
  private static final Pattern QUALIFIED = Pattern.compile(QUALIFIED_FORMAT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FORMAT);
  private static final int QUALIFIED_MAX = 63;
  private static final String QUALIFIED_MESSAGE =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
          + " validation is '"
          + QUALIFIED_FORMAT
          + "')";
  private static final String LABEL_VALUE_MESSAGE =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is '"
          + LABEL_VALUE_FORMAT
          + "')";

  private static final String DATA_KEY_FORMAT = "[-._a-zA-Z0-9]+";
  private static final Pattern DATA_KEY = Pattern.compile(DATA_KEY_FORMAT);
  private static final String DATA_KEY_MESSAGE =
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
          + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '"
          + DATA_KEY_FORMAT
          + "')";

  private NameRules() {}

  /**
   * Checks a label the way the API server checks {@code metadata.labels}: the key a qualified name
   * with an optional DNS subdomain prefix, the value empty or at most 63 characters of
   * alphanumerics, {@code -}, {@code _} and {@code .}, starting and ending alphanumeric.
   *
   * @param kind the resource kind for the message
   * @param objectName the name of the object that carries the label
   * @param key the label key
   * @param value the label value
   * @throws InvalidNameException with the server's message when the label is not valid
   */
  public static void requireLabel(String kind, String objectName, String key, String value) {
    String field = "metadata.labels";
    reject(kind, objectName, field, key, qualifiedNameProblems(key));
    List<String> problems = new ArrayList<>();
    if (value.length() > QUALIFIED_MAX) {
      problems.add("must be no more than " + QUALIFIED_MAX + " characters");
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      problems.add(LABEL_VALUE_MESSAGE);
    }
    reject(kind, objectName, field, value, problems);
  }

  /**
   * Checks an annotation key the way the API server checks the keys of {@code
   * metadata.annotations}: a qualified name with an optional DNS subdomain prefix, compared in
   * lower case.
   *
   * @param kind the resource kind for the message
   * @param objectName the name of the object that carries the annotation
   * @param key the annotation key
   * @throws InvalidNameException with the server's message when the key is not valid
   */
  public static void requireAnnotationKey(String kind, String objectName, String key) {
    List<String> problems = qualifiedNameProblems(key.toLowerCase(Locale.ROOT));
    reject(kind, objectName, "metadata.annotations", key, problems);
  }

  /**
   * Checks a Secret data key the way the API server checks the keys of {@code data} (apimachinery
   * {@code IsConfigMapKey}), as kubectl also does for {@code --from-file=KEY=PATH}.
   *
   * @param kind the resource kind for the message
   * @param objectName the name of the object that carries the data
   * @param key the data key
   * @throws InvalidNameException with the server's message when the key is not valid
   */
  public static void requireDataKey(String kind, String objectName, String key) {
    List<String> problems = new ArrayList<>();
    if (key.length() > SUBDOMAIN_MAX) {
      problems.add("must be no more than " + SUBDOMAIN_MAX + " characters");
    }
    if (!DATA_KEY.matcher(key).matches()) {
      problems.add(DATA_KEY_MESSAGE);
    }
    if (key.equals(".")) {
      problems.add("must not be '.'");
    } else if (key.equals("..")) {
      problems.add("must not be '..'");
    } else if (key.startsWith("..")) {
      problems.add("must not start with '..'");
    }
    reject(kind, objectName, "data[" + key + "]", key, problems);
  }

  private static List<String> qualifiedNameProblems(String value) {
    String[] parts = value.split("/", -1);
    if (parts.length > 2) {
      return List.of(
          "a qualified name "
              + QUALIFIED_MESSAGE
              + " with an optional DNS subdomain"
              + " prefix and '/' (e.g. 'example.com/MyName')");
    }
    List<String> problems = new ArrayList<>();
    if (parts.length == 2) {
      problems.addAll(prefixProblems(parts[0]));
    }
    String name = parts[parts.length - 1];
    if (name.isEmpty()) {
      problems.add("name part must be non-empty");
    } else if (name.length() > QUALIFIED_MAX) {
      problems.add("name part must be no more than " + QUALIFIED_MAX + " characters");
    }
    if (!QUALIFIED.matcher(name).matches()) {
      problems.add("name part " + QUALIFIED_MESSAGE);
    }
    return problems;
  }

  private static List<String> prefixProblems(String prefix) {
    if (prefix.isEmpty()) {
      return List.of("prefix part must be non-empty");
    }
    List<String> problems = new ArrayList<>();
    if (prefix.length() > SUBDOMAIN_MAX) {
      problems.add("prefix part must be no more than " + SUBDOMAIN_MAX + " characters");
    }
    if (!SUBDOMAIN.matcher(prefix).matches()) {
      problems.add("prefix part " + SUBDOMAIN_MESSAGE);
    }
    return problems;
  }

  /**
   * Checks an object name the way the API server checks {@code metadata.name} of a Secret.
   *
   * @param kind the resource kind for the message, such as {@code Secret}
   * @param name the name to check
   * @throws InvalidNameException with the server's message when the name is not valid
   */
  public static void requireObjectName(String kind, String name) {
    String field = "metadata.name";
    if (name.isEmpty()) {
      throw invalid(
          kind,
          name,
          field,
          name,
          List.of(field + ": Required value: name or" + " generateName is required"));
    }
    List<String> problems = new ArrayList<>();
    if (name.length() > SUBDOMAIN_MAX) {
      problems.add("must be no more than " + SUBDOMAIN_MAX + " characters");
    }
    if (!SUBDOMAIN.matcher(name).matches()) {
      problems.add(SUBDOMAIN_MESSAGE);
    }
    reject(kind, name, field, name, problems);
  }

  /**
   * Checks a namespace the way the API server checks {@code metadata.namespace}.
   *
   * @param kind the resource kind for the message
   * @param objectName the name of the object that carries the namespace
   * @param namespace the namespace to check
   * @throws InvalidNameException with the server's message when the namespace is not valid
   */
  public static void requireNamespace(String kind, String objectName, String namespace) {
    String field = "metadata.namespace";
    if (namespace.isEmpty()) {
      throw invalid(kind, objectName, field, namespace, List.of(field + ": Required value"));
    }
    List<String> problems = new ArrayList<>();
    if (namespace.length() > LABEL_MAX) {
      problems.add("must be no more than " + LABEL_MAX + " characters");
    }
    if (!LABEL.matcher(namespace).matches()) {
      boolean dotted = SUBDOMAIN.matcher(namespace).matches();
      problems.add(dotted ? "must not contain dots" : LABEL_MESSAGE);
    }
    reject(kind, objectName, field, namespace, problems);
  }

  private static void reject(
      String kind, String objectName, String field, String value, List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    List<String> causes = new ArrayList<>();
    for (String problem : problems) {
      causes.add(field + ": Invalid value: " + GoQuote.quote(value) + ": " + problem);
    }
    throw invalid(kind, objectName, field, value, causes);
  }

  private static InvalidNameException invalid(
      String kind, String objectName, String field, String value, List<String> causes) {
    return new InvalidNameException(kind, GoQuote.quote(objectName), field, value, causes);
  }
}
