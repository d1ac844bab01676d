package io.github.pullsecrets.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pullsecrets.auth.DockerConfig;
import io.github.pullsecrets.auth.RegistryCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PullSecretTest {

  private static final RegistryCredential FRA =
      RegistryCredential.of("team.cr.de-fra.ionos.com", "robot", "pw1");
  private static final RegistryCredential TXL =
      RegistryCredential.of("team.cr.de-txl.ionos.com", "robot", "pw2");

  @Test
  void storesEveryCredentialInOneDockerConfig() throws Exception {
    PullSecret secret = PullSecret.named("dcd").addCredential(TXL).addCredential(FRA).build();

    JsonNode json = TestFiles.JSON.readTree(secret.toJson());

    String data = json.at("/data/.dockerconfigjson").asText();
    String decoded = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    assertThat(decoded).isEqualTo(DockerConfig.of(TXL, FRA).toJson());
    assertThat(TestFiles.JSON.readTree(decoded).get("auths").fieldNames())
        .toIterable()
        .containsExactly("team.cr.de-fra.ionos.com", "team.cr.de-txl.ionos.com");
    assertThat(secret.dockerConfig()).isEqualTo(DockerConfig.of(FRA, TXL));
  }

  @Test
  void printsLabelsThenAnnotationsAfterCreationTimestampSortedByKey() {
    PullSecret secret =
        PullSecret.named("dcd")
            .namespace("shop")
            .addCredential(FRA)
            .addLabel("team", "web")
            .addLabel("app", "shop")
            .addAnnotation("note", "a&b")
            .build();

    String json = secret.toJson();

    assertThat(json)
        .contains(
            "\"metadata\": {\n"
                + "        \"name\": \"dcd\",\n"
                + "        \"namespace\": \"shop\",\n"
                + "        \"creationTimestamp\": null,\n"
                + "        \"labels\": {\n"
                + "            \"app\": \"shop\",\n"
                + "            \"team\": \"web\"\n"
                + "        },\n"
                + "        \"annotations\": {\n"
                + "            \"note\": \"a\\u0026b\"\n"
                + "        }\n"
                + "    },\n");
    assertThat(secret.labels()).containsExactly(Map.entry("app", "shop"), Map.entry("team", "web"));
  }

  @Test
  void printsYamlWithKubectlsAlphabeticalKeys() {
    PullSecret secret =
        PullSecret.named("dcd")
            .namespace("shop")
            .addCredential(FRA)
            .addLabel("port", "8080")
            .build();

    String yaml = secret.toYaml();

    assertThat(yaml)
        .startsWith("apiVersion: v1\ndata:\n  .dockerconfigjson: ")
        .endsWith(
            "kind: Secret\nmetadata:\n  creationTimestamp: null\n  labels:\n"
                + "    port: \"8080\"\n  name: dcd\n  namespace: shop\n"
                + "type: kubernetes.io/dockerconfigjson\n");
  }

  @Test
  void toBuilderCopiesEverythingAndLeavesTheOriginalAlone() {
    PullSecret original =
        PullSecret.named("dcd")
            .namespace("shop")
            .addCredential(FRA)
            .addLabel("a", "b")
            .addAnnotation("c", "d")
            .build();

    PullSecret copy = original.toBuilder().namespace("staging").addCredential(TXL).build();

    assertThat(copy.namespace()).contains("staging");
    assertThat(copy.credentials()).containsExactly(FRA, TXL);
    assertThat(copy.labels()).isEqualTo(original.labels());
    assertThat(copy.annotations()).isEqualTo(original.annotations());
    assertThat(original.namespace()).contains("shop");
    assertThat(original.credentials()).containsExactly(FRA);
    assertThat(original.toBuilder().build()).isEqualTo(original).hasSameHashCodeAs(original);
  }

  @Test
  void omitsTheNamespaceWhenNoneIsSet() {
    PullSecret secret = PullSecret.named("dcd").addCredential(FRA).build();

    assertThat(secret.namespace()).isEmpty();
    assertThat(secret.toJson()).doesNotContain("namespace");
  }

  @Test
  void rejectsANamespaceTheApiServerRejects() {
    assertThatThrownBy(() -> PullSecret.named("dcd").namespace("Shop_1"))
        .isInstanceOfSatisfying(
            InvalidNameException.class, e -> assertThat(e.field()).isEqualTo("metadata.namespace"))
        .hasMessage(
            "Secret \"dcd\" is invalid: metadata.namespace: Invalid value: \"Shop_1\": a lowercase"
                + " RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
                + " must start and end with an alphanumeric character (e.g. 'my-name',  or"
                + " '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    assertThatThrownBy(() -> PullSecret.named("dcd").namespace("shop.eu"))
        .hasMessageEndingWith(
            "metadata.namespace: Invalid value: \"shop.eu\": must not contain" + " dots");
    assertThatThrownBy(() -> PullSecret.named("dcd").namespace("a".repeat(64)))
        .hasMessageEndingWith(": must be no more than 63 characters");
  }

  @Test
  void acceptsTheLongestValidNames() {
    PullSecret secret =
        PullSecret.named("a".repeat(253)).namespace("b".repeat(63)).addCredential(FRA).build();

    assertThat(secret.name()).hasSize(253);
  }

  @Test
  void rejectsAnEmptyNameAsTheApiServerDoes() {
    assertThatThrownBy(() -> PullSecret.named(""))
        .isInstanceOf(InvalidNameException.class)
        .hasMessage(
            "Secret \"\" is invalid: metadata.name: Required value: name or generateName"
                + " is required");
  }

  @Test
  void rejectsASecondCredentialForTheSameServer() {
    PullSecret.Builder builder = PullSecret.named("dcd").addCredential(FRA);

    assertThatThrownBy(() -> builder.addCredential(FRA.withEmail("x@example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("credential for server team.cr.de-fra.ionos.com added twice");
  }

  @Test
  void rejectsACredentialWithoutPasswordAsKubectlDoes() {
    RegistryCredential noPassword = RegistryCredential.of("r.example.com", "alice", "");

    assertThatThrownBy(() -> PullSecret.named("dcd").addCredential(noPassword))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "credential for server r.example.com has no password; kubectl requires a user name"
                + " and a password");
  }

  @Test
  void refusesToBuildWithoutCredentials() {
    assertThatThrownBy(() -> PullSecret.named("dcd").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs at least one credential");
  }

  @Test
  void rejectsNullArgumentsNamingThem() {
    PullSecret.Builder builder = PullSecret.named("dcd");

    assertThatThrownBy(() -> PullSecret.named(null)).hasMessage("name");
    assertThatThrownBy(() -> builder.namespace(null)).hasMessage("namespace");
    assertThatThrownBy(() -> builder.addCredential(null)).hasMessage("credential");
    assertThatThrownBy(() -> builder.addLabel(null, "v")).hasMessage("key");
    assertThatThrownBy(() -> builder.addAnnotation("k", null)).hasMessage("value");
    assertThatThrownBy(() -> builder.credentials(null)).hasMessage("credentials");
  }

  @Test
  void rejectsLabelsAndAnnotationKeysTheApiServerRejects() {
    PullSecret.Builder builder = PullSecret.named("dcd");

    assertThatThrownBy(() -> builder.addLabel("team", "web shop"))
        .isInstanceOf(InvalidNameException.class)
        .hasMessage(
            "Secret \"dcd\" is invalid: metadata.labels: Invalid value: \"web shop\": a"
                + " valid label must be an empty string or consist of alphanumeric characters, '-',"
                + " '_' or '.', and must start and end with an alphanumeric character (e.g."
                + " 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
                + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    assertThatThrownBy(() -> builder.labels(Map.of("", "v")))
        .hasMessageStartingWith(
            "Secret \"dcd\" is invalid: [metadata.labels: Invalid value:"
                + " \"\": name part must be non-empty, metadata.labels: Invalid value: \"\": name"
                + " part must consist of alphanumeric characters");
    assertThatThrownBy(() -> builder.addLabel("Example.com/app", "x"))
        .hasMessageContaining("prefix part a lowercase RFC 1123 subdomain");
    assertThatThrownBy(() -> builder.addAnnotation("a/b/c", "x"))
        .hasMessageContaining(
            "metadata.annotations: Invalid value: \"a/b/c\": a qualified name"
                + " must consist of");
    assertThatThrownBy(() -> builder.addLabel("app", "x".repeat(64)))
        .hasMessageContaining(": must be no more than 63 characters");
  }

  @Test
  void acceptsLabelsAndAnnotationsTheApiServerAccepts() {
    PullSecret secret =
        PullSecret.named("dcd")
            .addCredential(FRA)
            .addLabel("app.kubernetes.io/name", "shop")
            .addLabel("empty", "")
            .addLabel("x", "A-b_c.9")
            .addAnnotation("Example.COM/Note", "any text: at all")
            .build();

    assertThat(secret.labels()).hasSize(3);
    assertThat(secret.annotations()).containsEntry("Example.COM/Note", "any text: at all");
  }

  @Test
  void replacesCollectionsWithThePluralSetters() {
    PullSecret secret =
        PullSecret.named("dcd")
            .addCredential(FRA)
            .addLabel("old", "x")
            .credentials(List.of(TXL))
            .labels(Map.of("new", "y"))
            .annotations(Map.of("n", "z"))
            .build();

    assertThat(secret.credentials()).containsExactly(TXL);
    assertThat(secret.labels()).containsOnlyKeys("new");
    assertThat(secret.annotations()).containsOnlyKeys("n");
  }
}
