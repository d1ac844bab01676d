package io.github.pullsecrets.k8s;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The objects of one kind and name in many namespaces, read ahead with one cluster-wide list by
 * {@code metadata.name} (paged) instead of one GET per namespace. When the namespaces are few, or
 * the list fails (typically 403 without cluster-wide list rights), nothing is known and each
 * namespace is read on its own.
 */
final class NamedObjects {

  /** From how many namespaces on one list is cheaper than a GET each (keep the Javadoc in step). */
  static final int MIN_NAMESPACES = 20;

  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.k8s.api");

  private final Resources resources;
  private final String name;
  private final Map<String, KubeObject> byNamespace;

  private NamedObjects(Resources resources, String name, Map<String, KubeObject> byNamespace) {
    this.resources = resources;
    this.name = name;
    this.byNamespace = byNamespace;
  }

  /**
   * Reads ahead the objects named {@code name} in the given namespaces, if they are many.
   *
   * @param resources the kind
   * @param name the object name
   * @param namespaces the namespaces that will be asked about
   * @return the objects read, or an instance that reads each namespace on demand
   */
  static NamedObjects read(Resources resources, String name, Collection<String> namespaces) {
    if (namespaces.size() < MIN_NAMESPACES) {
      return new NamedObjects(resources, name, null);
    }
    Set<String> wanted = new HashSet<>(namespaces);
    Map<String, KubeObject> found = new HashMap<>();
    try {
      ListOptions byName = ListOptions.all().withFieldSelector("metadata.name=" + name);
      for (KubeObject object : resources.list("", byName)) {
        if (wanted.contains(object.namespace())) {
          found.put(object.namespace(), object);
        }
      }
      return new NamedObjects(resources, name, found);
    } catch (KubernetesException e) {
      LOGGER.log(
          Level.DEBUG,
          () -> "cannot list " + resources.kind().plural() + " by name, reading each: " + e);
      return new NamedObjects(resources, name, null);
    }
  }

  /**
   * Returns the object in a namespace: from the list when read ahead, otherwise with a GET.
   *
   * @param namespace the namespace
   * @return the object, or empty when it does not exist
   */
  Optional<KubeObject> find(String namespace) {
    if (byNamespace == null) {
      return resources.find(namespace, name);
    }
    return Optional.ofNullable(byNamespace.get(namespace));
  }
}
