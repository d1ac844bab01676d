package io.github.pullsecrets.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One recorded patch input: the resource file and where its imagePullSecrets list lives. */
record PatchCase(String input, String podSpec) {

  static final String TEMPLATE = "/spec/template/spec";
  static final String CRON = "/spec/jobTemplate/spec/template/spec";
  static final String POD = "/spec";

  /** Every workload input: each kind, and a Deployment with none, [], [other], [regcred], two. */
  static final List<PatchCase> WORKLOADS =
      List.of(
          new PatchCase("deployment-none.json", TEMPLATE),
          new PatchCase("deployment-emptylist.json", TEMPLATE),
          new PatchCase("deployment-other.json", TEMPLATE),
          new PatchCase("deployment-regcred.json", TEMPLATE),
          new PatchCase("deployment-two.json", TEMPLATE),
          new PatchCase("statefulset.json", TEMPLATE),
          new PatchCase("daemonset.json", TEMPLATE),
          new PatchCase("replicaset.json", TEMPLATE),
          new PatchCase("replicationcontroller.json", TEMPLATE),
          new PatchCase("job.json", TEMPLATE),
          new PatchCase("cronjob.json", CRON),
          new PatchCase("pod.json", POD));

  /** Returns the input file's text. */
  String text() {
    return TestFiles.resource("vectors/patch/inputs/" + input);
  }

  /** Returns the strategic merge patch body kubectl gets for one list entry at this path. */
  String strategicPatch(String entry) {
    String patch = "{\"imagePullSecrets\":[" + entry + "]}";
    String[] steps = podSpec.substring(1).split("/");
    for (int i = steps.length - 1; i >= 0; i--) {
      patch = "{\"" + steps[i] + "\":" + patch + "}";
    }
    return patch;
  }

  /** Returns the names of the imagePullSecrets list of a patched object. */
  List<String> names(JsonNode object) {
    return TestFiles.pullSecretNames(object, podSpec);
  }

  /** Returns a copy of the object without its imagePullSecrets list. */
  JsonNode withoutList(JsonNode object) {
    JsonNode copy = object.deepCopy();
    ((ObjectNode) copy.at(podSpec)).remove("imagePullSecrets");
    return copy;
  }
}
