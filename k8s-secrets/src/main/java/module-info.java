/** Pull Secrets and imagePullSecrets patching for Kubernetes manifests and clusters. */
module io.github.pullsecrets.k8s {
  requires transitive io.github.pullsecrets.auth;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;

  exports io.github.pullsecrets.k8s;
}
