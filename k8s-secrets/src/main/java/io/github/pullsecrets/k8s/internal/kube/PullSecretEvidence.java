package io.github.pullsecrets.k8s.internal.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pullsecrets.auth.DockerAuthException;
import io.github.pullsecrets.auth.KubeletKeyring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a pod's pull secrets hold, checked as the kubelet checks them: which are missing, which have
 * a type or key the kubelet ignores, which do not decode (failing the whole pod), and the keyring
 * built from the rest. Holds no secret values beyond the keyring's credentials.
 *
 * @param names the pod's {@code imagePullSecrets} names, in order
 * @param missing the names with no Secret in the namespace
 * @param wrongType the names whose Secret the kubelet ignores, with the reason
 * @param undecodable the names whose Secret does not decode, with the reason
 * @param keyring the kubelet's keyring of the usable secrets
 */
public record PullSecretEvidence(
    List<String> names,
    List<String> missing,
    Map<String, String> wrongType,
    Map<String, String> undecodable,
    KubeletKeyring keyring) {

  private static final String DOCKERCONFIGJSON = "kubernetes.io/dockerconfigjson";
  private static final String DOCKERCFG = "kubernetes.io/dockercfg";

  /**
   * Checks the pull secrets of a pod.
   *
   * @param names the pod's {@code imagePullSecrets} names
   * @param secrets reads a Secret of the pod's namespace by name
   * @return the evidence
   */
  public static PullSecretEvidence check(
      List<String> names, Function<String, Optional<JsonNode>> secrets) {
    List<String> missing = new ArrayList<>();
    Map<String, String> wrongType = new LinkedHashMap<>();
    Map<String, String> undecodable = new LinkedHashMap<>();
    KubeletKeyring.Builder keyring = KubeletKeyring.builder();
    for (String name : names) {
      Optional<JsonNode> secret = secrets.apply(name);
      if (secret.isEmpty()) {
        missing.add(name);
        continue;
      }
      typeProblem(secret.get())
          .ifPresentOrElse(
              problem -> wrongType.put(name, problem),
              () -> add(keyring, name, secret.get()).ifPresent(e -> undecodable.put(name, e)));
    }
    return new PullSecretEvidence(names, missing, wrongType, undecodable, keyring.build());
  }

  private static Optional<String> typeProblem(JsonNode secret) {
    String type = secret.path("type").asText("Opaque");
    String key = key(type);
    if (key.isEmpty()) {
      return Optional.of("type is " + type + ", not " + DOCKERCONFIGJSON + keys(secret));
    }
    if (secret.path("data").path(key).asText("").isEmpty()) {
      return Optional.of("type " + type + " has no " + key + " key" + keys(secret));
    }
    return Optional.empty();
  }

  private static String key(String type) {
    if (type.equals(DOCKERCONFIGJSON)) {
      return ".dockerconfigjson";
    }
    return type.equals(DOCKERCFG) ? ".dockercfg" : "";
  }

  private static String keys(JsonNode secret) {
    List<String> keys = new ArrayList<>();
    secret.path("data").fieldNames().forEachRemaining(keys::add);
    return keys.isEmpty() ? "" : " (keys: " + String.join(", ", keys) + ")";
  }

  private static Optional<String> add(
      KubeletKeyring.Builder keyring, String name, JsonNode secret) {
    String type = secret.path("type").asText();
    try {
      String text =
          new String(
              Base64.getDecoder().decode(secret.path("data").path(key(type)).asText()),
              StandardCharsets.UTF_8);
      if (type.equals(DOCKERCONFIGJSON)) {
        keyring.addDockerConfigJson(name, text);
      } else {
        keyring.addDockercfg(name, text);
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("the data is not valid base64");
    } catch (DockerAuthException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Returns whether at least one pull secret is usable by the kubelet. */
  public boolean anyUsable() {
    return names.size() > missing.size() + wrongType.size() + undecodable.size();
  }

  /** Returns the names and problems, never a credential. */
  @Override
  public String toString() {
    return "PullSecretEvidence{names="
        + names
        + ", missing="
        + missing
        + ", wrongType="
        + wrongType.keySet()
        + ", undecodable="
        + undecodable.keySet()
        + ", keys="
        + keyring.keys()
        + "}";
  }
}
