/** Client for the IONOS / Arsys Container Registry management API. */
module io.github.pullsecrets.registry {
  requires transitive io.github.pullsecrets.auth;
}
