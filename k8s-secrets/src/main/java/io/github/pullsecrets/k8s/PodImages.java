package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The container images named in a workload's pod spec. */
final class PodImages {

  private PodImages() {}

  /**
   * Returns the images of the containers and init containers, in spec order.
   *
   * @param object a workload; a ServiceAccount or other kind without pod spec has none
   * @return the image references as written
   */
  static List<String> of(KubeObject object) {
    Optional<List<String>> path = kindOf(object).flatMap(ResourceKind::podSpecPath);
    if (path.isEmpty()) {
      return List.of();
    }
    JsonNode spec = object.view();
    for (String field : path.get()) {
      spec = spec.path(field);
    }
    List<String> images = new ArrayList<>();
    for (String list : List.of("initContainers", "containers")) {
      spec.path(list).forEach(container -> images.add(container.path("image").asText("")));
    }
    return images.stream().filter(image -> !image.isEmpty()).toList();
  }

  private static Optional<ResourceKind> kindOf(KubeObject object) {
    return Arrays.stream(ResourceKind.values())
        .filter(kind -> kind.kind().equals(object.kind()))
        .findFirst();
  }
}
