/**
 * Client for the IONOS / Arsys Container Registry management API: registries, tokens, repositories,
 * artifacts, vulnerabilities, locations and names.
 */
module io.github.pullsecrets.registry {
  requires transitive io.github.pullsecrets.auth;
  requires com.fasterxml.jackson.databind;

  exports io.github.pullsecrets.registry;
}
