package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.k8s.internal.ManifestPrinter;
import io.github.pullsecrets.k8s.internal.ManifestReader;
import io.github.pullsecrets.k8s.internal.NameRules;
import io.github.pullsecrets.k8s.internal.PatchOutcome;
import io.github.pullsecrets.k8s.internal.SourceDocument;
import io.github.pullsecrets.k8s.internal.WorkloadPatcher;
import io.github.pullsecrets.k8s.internal.WorkloadPatcher.Operation;
import io.github.pullsecrets.k8s.internal.YamlEditor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest stream (YAML with one or more documents, or JSON) whose workloads can be given or
 * relieved of an imagePullSecret, and written back.
 *
 * <pre>{@code
 * Manifests patched = Manifests.read(Path.of("k8s/app.yaml")).attachPullSecret("dcd");
 * List<String> lines = patched.changes().stream().map(Object::toString).toList();
 * patched.write(Path.of("out/app.yaml"));
 * }</pre>
 *
 * <p>Reading understands multi-document YAML with comments, anchors, aliases, merge keys ({@code
 * <<}) and empty documents, and JSON with one or more top-level values, including {@code kind:
 * List} documents whose {@code items} are patched one by one.
 *
 * <p>Writing back YAML: a document whose content did not change is written as its original text,
 * byte for byte, comments included. A changed document is edited in place whenever its shape
 * allows, so that a line diff against the original shows only the lines of the references added or
 * removed; everything else (comments, quoting, indentation, blank lines, line ends) is kept:
 *
 * <ul>
 *   <li>A new {@code imagePullSecrets} list is inserted into the pod spec (or, for a
 *       ServiceAccount, the top-level mapping) at that mapping's indentation, right after the value
 *       of {@code containers} or {@code initContainers}, whichever comes last, or after the
 *       mapping's last value when it has neither. Comment lines directly after that value and
 *       indented deeper than the mapping's keys count as part of it; other comments stay with the
 *       line below them. Its entry is indented under the key as the pod spec's {@code containers}
 *       list is, else as the document's first block sequence under a key, else not at all ({@code -
 *       name: NAME} in the key's column).
 *   <li>A new entry of an existing list goes after the list's last entry (and the comment lines
 *       indented deeper than its {@code -} that directly follow it), with the same indentation.
 *   <li>Detaching deletes exactly the lines of each removed entry, and the {@code
 *       imagePullSecrets:} key line when no entry is left.
 * </ul>
 *
 * <p>A changed document is instead printed again by Jackson when the mappings and sequences from
 * the document root down to the list (the list and its entries included) are not all in block
 * style, or one of them has an anchor or a tag, is an alias, or holds a merge key ({@code <<}),
 * when a list has no value or entries that do not start their own line, and when the text mixes
 * {@code \n} and {@code \r\n} line ends. Printing again keeps the {@code ---} line and the comments
 * before and after the content, but comments inside it are lost, aliases are expanded, merge keys
 * are resolved, YAML 1.1 octal numbers such as {@code 0755} are written in decimal, strings that
 * could be read as another type ({@code "8080"}, {@code "on"}) stay quoted, and line ends become
 * {@code \n}. Every changed document, edited or printed, is read back and compared with the
 * intended tree before it is returned: an edit that would change meaning is dropped for printing
 * again, and a printing problem fails loudly instead of changing meaning.
 *
 * <p>JSON: changed documents are printed again with four-space indentation; unchanged ones keep
 * their original text.
 *
 * <p>Instances are immutable and safe to share; every operation returns a new instance whose {@link
 * #changes()} report that operation.
 */
public final class Manifests {

  private static final System.Logger LOG = System.getLogger(Manifests.class.getName());

  private final ManifestFormat format;
  private final List<SourceDocument> sources;
  private final List<JsonNode> trees;
  private final List<ManifestChange> changes;

  private Manifests(
      ManifestFormat format,
      List<SourceDocument> sources,
      List<JsonNode> trees,
      List<ManifestChange> changes) {
    this.format = format;
    this.sources = List.copyOf(sources);
    this.trees = List.copyOf(trees);
    this.changes = List.copyOf(changes);
  }

  /**
   * Reads a manifest file. Files ending in {@code .json}, or whose first non-blank character is
   * <code>{</code> or {@code [}, are read as JSON; everything else as YAML. The file is read as
   * UTF-8.
   *
   * @param path the file
   * @return the manifests, with no changes yet
   * @throws ManifestException when the file is not well-formed YAML or JSON
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Manifests read(Path path) {
    Objects.requireNonNull(path, "path");
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      return parse(text, formatOf(path, text));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /**
   * Parses manifest text in the given format. A leading byte order mark is dropped.
   *
   * @param text the whole stream
   * @param format YAML or JSON
   * @return the manifests, with no changes yet
   * @throws ManifestException when the text is not well-formed in that format
   */
  public static Manifests parse(String text, ManifestFormat format) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<SourceDocument> sources =
        format == ManifestFormat.YAML
            ? ManifestReader.readYaml(content)
            : ManifestReader.readJson(content);
    List<JsonNode> trees = new ArrayList<>();
    sources.forEach(source -> trees.add(source.tree()));
    return new Manifests(format, sources, trees, List.of());
  }

  /**
   * Returns manifests in which every workload references the Secret {@code secretName} in its pod
   * spec's {@code imagePullSecrets}. ServiceAccounts are left alone.
   *
   * @param secretName the Secret to reference
   * @return the patched manifests; {@link #changes()} tells what happened to each object
   * @throws InvalidNameException when the name is not a valid Secret name
   * @see #attachPullSecret(String, PatchTargets)
   */
  public Manifests attachPullSecret(String secretName) {
    return attachPullSecret(secretName, PatchTargets.WORKLOADS);
  }

  /**
   * Returns manifests in which every target object references the Secret {@code secretName}.
   *
   * <p>A workload gets the reference in its pod spec ({@code spec.template.spec}, or {@code spec}
   * for a Pod, or {@code spec.jobTemplate.spec.template.spec} for a CronJob), a ServiceAccount at
   * the top level. A missing list is created; an existing reference is left alone, so the name is
   * never listed twice; other entries are kept in their order. The new entry is <em>appended</em>
   * at the end: {@code kubectl patch --type strategic} would put it first, and the same list comes
   * out of {@code kubectl apply}, which appends. The set of names is the same as kubectl's in every
   * case.
   *
   * @param secretName the Secret to reference
   * @param targets which kinds to patch
   * @return the patched manifests; {@link #changes()} tells what happened to each object
   * @throws InvalidNameException when the name is not a valid Secret name
   */
  public Manifests attachPullSecret(String secretName, PatchTargets targets) {
    return apply(Operation.ATTACH, secretName, targets);
  }

  /**
   * Returns manifests in which no workload references the Secret {@code secretName}.
   * ServiceAccounts are left alone.
   *
   * @param secretName the Secret whose references to remove
   * @return the patched manifests; {@link #changes()} tells what happened to each object
   * @throws InvalidNameException when the name is not a valid Secret name
   * @see #detachPullSecret(String, PatchTargets)
   */
  public Manifests detachPullSecret(String secretName) {
    return detachPullSecret(secretName, PatchTargets.WORKLOADS);
  }

  /**
   * Returns manifests in which no target object references the Secret {@code secretName}. Every
   * entry with that name is removed, other entries are kept in their order, and a list left empty
   * is removed, as the API server drops an empty {@code imagePullSecrets}.
   *
   * @param secretName the Secret whose references to remove
   * @param targets which kinds to patch
   * @return the patched manifests; {@link #changes()} tells what happened to each object
   * @throws InvalidNameException when the name is not a valid Secret name
   */
  public Manifests detachPullSecret(String secretName, PatchTargets targets) {
    return apply(Operation.DETACH, secretName, targets);
  }

  /**
   * Returns what the operation that produced these manifests did: one entry per document, or per
   * item of a {@code kind: List} document, in stream order. Empty for freshly read manifests.
   */
  public List<ManifestChange> changes() {
    return changes;
  }

  /** Returns the format the manifests were read in. */
  public ManifestFormat format() {
    return format;
  }

  /** Returns the number of documents, empty documents included. */
  public int documentCount() {
    return sources.size();
  }

  /**
   * Returns the manifests as text in the format they were read in, unchanged documents as their
   * original text.
   *
   * @return the text
   * @throws ManifestException when a changed document cannot be printed without changing meaning
   */
  public String text() {
    return format == ManifestFormat.YAML ? toYaml() : toJson();
  }

  /**
   * Returns the manifests as a YAML stream. Documents read from YAML that did not change keep their
   * original text; documents read from JSON are all printed as YAML, separated by {@code ---}.
   *
   * @return the YAML text
   * @throws ManifestException when a changed document cannot be printed without changing meaning
   */
  public String toYaml() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < sources.size(); i++) {
      out.append(format == ManifestFormat.YAML ? yamlDocument(i) : yamlFromJson(i));
    }
    return out.toString();
  }

  /**
   * Returns the manifests as JSON. Manifests read from JSON keep the original text of unchanged
   * documents and print changed ones with four-space indentation. Manifests read from YAML are
   * printed as one object when they hold one document, otherwise as a {@code v1} {@code List} whose
   * items are the non-empty documents, as kubectl prints several objects.
   *
   * @return the JSON text, ending in a newline when printed from YAML
   * @throws ManifestException when a changed document cannot be printed without changing meaning
   */
  public String toJson() {
    if (format == ManifestFormat.JSON) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < sources.size(); i++) {
        out.append(jsonDocument(i));
      }
      return out.toString();
    }
    return ManifestPrinter.json(singleTreeOrList()) + "\n";
  }

  /**
   * Writes {@link #text()} to a file as UTF-8, replacing its content. The text is printed in full
   * before the file is opened, so a printing problem leaves the file untouched.
   *
   * @param path the file to write
   * @throws UncheckedIOException when the file cannot be written
   * @throws ManifestException when a changed document cannot be printed without changing meaning
   */
  public void write(Path path) {
    Objects.requireNonNull(path, "path");
    String text = text();
    try {
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** Returns a summary: format, document count and what the last operation changed. */
  @Override
  public String toString() {
    long changed = changes.stream().filter(ManifestChange::changed).count();
    return "Manifests{format="
        + format
        + ", documents="
        + sources.size()
        + ", changed="
        + changed
        + "}";
  }

  private Manifests apply(Operation operation, String secretName, PatchTargets targets) {
    Objects.requireNonNull(secretName, "secretName");
    Objects.requireNonNull(targets, "targets");
    NameRules.requireObjectName("Secret", secretName);
    boolean serviceAccounts = targets == PatchTargets.WORKLOADS_AND_SERVICE_ACCOUNTS;
    WorkloadPatcher patcher = new WorkloadPatcher(operation, secretName, serviceAccounts);
    List<JsonNode> patched = new ArrayList<>();
    List<ManifestChange> report = new ArrayList<>();
    for (SourceDocument source : sources) {
      JsonNode tree = trees.get(source.index()).deepCopy();
      for (PatchOutcome outcome : patcher.patch(tree)) {
        report.add(change(source, outcome));
      }
      patched.add(tree);
    }
    Manifests result = new Manifests(format, sources, patched, report);
    LOG.log(
        Level.DEBUG,
        () -> operation.name().toLowerCase(Locale.ROOT) + " " + secretName + ": " + result);
    return result;
  }

  private static ManifestChange change(SourceDocument source, PatchOutcome outcome) {
    return new ManifestChange(
        source.index(),
        outcome.item(),
        source.line(),
        outcome.kind(),
        outcome.name(),
        outcome.outcome(),
        outcome.reason());
  }

  private String yamlDocument(int index) {
    SourceDocument source = sources.get(index);
    JsonNode tree = trees.get(index);
    if (tree.equals(source.tree())) {
      return source.text();
    }
    Optional<String> edited = YamlEditor.edit(source.text(), source.tree(), tree);
    if (edited.isPresent()
        && tree.equals(ManifestReader.parseYaml(index, source.line(), edited.get()))) {
      return edited.get();
    }
    if (edited.isPresent()) {
      LOG.log(Level.DEBUG, "document {0}: the line edit changed meaning, printing it again", index);
    }
    return printedYamlDocument(index, source, tree);
  }

  private static String printedYamlDocument(int index, SourceDocument source, JsonNode tree) {
    String marker = source.body().startsWith("---") ? "---\n" : "";
    String printed = source.prefix() + marker + ManifestPrinter.yaml(tree);
    for (String candidate : List.of(printed + source.suffix(), printed)) {
      if (tree.equals(ManifestReader.parseYaml(index, source.line(), candidate))) {
        return candidate;
      }
    }
    throw new ManifestException(
        index, source.line(), "cannot be printed again without changing its meaning");
  }

  private String yamlFromJson(int index) {
    return (index == 0 ? "" : "---\n") + ManifestPrinter.yaml(trees.get(index));
  }

  private String jsonDocument(int index) {
    SourceDocument source = sources.get(index);
    JsonNode tree = trees.get(index);
    if (tree.equals(source.tree())) {
      return source.text();
    }
    return source.prefix() + ManifestPrinter.json(tree) + source.suffix();
  }

  private JsonNode singleTreeOrList() {
    List<JsonNode> present = new ArrayList<>();
    trees.stream().filter(tree -> !tree.isMissingNode() && !tree.isNull()).forEach(present::add);
    if (present.size() == 1) {
      return present.get(0);
    }
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    list.put("apiVersion", "v1").put("kind", "List");
    ArrayNode items = list.putArray("items");
    present.forEach(items::add);
    return list;
  }

  private static ManifestFormat formatOf(Path path, String text) {
    String fileName = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
    if (fileName.endsWith(".json")) {
      return ManifestFormat.JSON;
    }
    if (fileName.endsWith(".yaml") || fileName.endsWith(".yml")) {
      return ManifestFormat.YAML;
    }
    String start = text.stripLeading();
    return start.startsWith("{") || start.startsWith("[")
        ? ManifestFormat.JSON
        : ManifestFormat.YAML;
  }
}
