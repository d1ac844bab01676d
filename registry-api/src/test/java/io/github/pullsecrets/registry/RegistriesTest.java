package io.github.pullsecrets.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.pullsecrets.registry.ApiStubs.BASE;
import static io.github.pullsecrets.registry.ApiStubs.HOSTNAME;
import static io.github.pullsecrets.registry.ApiStubs.REGISTRY_ID;
import static io.github.pullsecrets.registry.ApiStubs.fixture;
import static io.github.pullsecrets.registry.ApiStubs.registryPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistriesTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime(ApiStubs.NOW);
  private final ContainerRegistryClient client = ApiStubs.client(server, time).build();

  @Test
  void createPostsTheSpecWithAnExplicitScanningChoice() {
    server.stubFor(
        post(BASE + "/registries")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Location", registryPath())
                    .withBody(fixture("registry-new.json"))));

    Registry created =
        client
            .registries()
            .create(
                RegistrySpec.named("team-images")
                    .location("de/fra")
                    .garbageCollection(
                        WeeklySchedule.at(
                            LocalTime.of(1, 30), DayOfWeek.THURSDAY, DayOfWeek.MONDAY)));

    server.verify(
        postRequestedFor(urlEqualTo(BASE + "/registries"))
            .withHeader("Authorization", equalTo("Bearer " + ApiStubs.API_TOKEN))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Accept", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {"properties": {"name": "team-images", "location": "de/fra",
                      "garbageCollectionSchedule": {"days": ["Monday", "Thursday"],
                                                    "time": "01:30:00+00:00"},
                      "features": {"vulnerabilityScanning": {"enabled": false}}}}\
                    """)));
    assertThat(created.id()).isEqualTo(REGISTRY_ID);
    assertThat(created.state()).isEqualTo("New");
    assertThat(created.hostname()).isEmpty();
    assertThat(created.ready()).isFalse();
    assertThat(created.garbageCollection())
        .contains(WeeklySchedule.at(LocalTime.of(1, 30), DayOfWeek.MONDAY, DayOfWeek.THURSDAY));
    assertThat(created.metadata().createdDate()).contains(Instant.parse("2026-12-03T10:00:00Z"));
  }

  @Test
  void createRequiresALocationBeforeSending() {
    assertThatThrownBy(() -> client.registries().create(RegistrySpec.named("team-images")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("location");

    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void specRejectsNamesTheApiRejects() {
    assertThatThrownBy(() -> RegistrySpec.named("Team_Images"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Team_Images'");
    assertThatThrownBy(() -> RegistrySpec.named("ab-"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void getReadsEveryField() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-running.json"))));

    Registry registry = client.registries().get(REGISTRY_ID);

    assertThat(registry.name()).isEqualTo("team-images");
    assertThat(registry.location()).isEqualTo("de/fra");
    assertThat(registry.hostname()).contains(HOSTNAME);
    assertThat(registry.ready()).isTrue();
    assertThat(registry.storageBytes()).isEqualTo(5_368_709_120L);
    assertThat(registry.apiSubnetAllowList()).containsExactly("203.0.113.0/24");
    assertThat(registry.vulnerabilityScanning()).isFalse();
    assertThat(registry.metadata().lastModifiedDate())
        .contains(Instant.parse("2026-12-03T10:04:12.250Z"));
    server.verify(getRequestedFor(urlEqualTo(registryPath())));
  }

  @Test
  void getRejectsAnIdThatIsNotAUuid() {
    assertThatThrownBy(() -> client.registries().get("../tokens"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registryId");
  }

  @Test
  void listFollowsThePaginationTokenToTheLastPage() {
    server.stubFor(
        get(urlEqualTo(BASE + "/registries?limit=100"))
            .willReturn(okJson(fixture("registries-page-1.json"))));
    server.stubFor(
        get(urlEqualTo(BASE + "/registries?limit=100&pagination.token=cGFnZS0y"))
            .willReturn(okJson(fixture("registries-page-2.json"))));

    List<Registry> all;
    try (LogCapture logs = new LogCapture()) {
      all = client.registries().list().toList();

      assertThat(logs.records()).noneMatch(r -> r.getLevel().intValue() > Level.FINE.intValue());
    }

    assertThat(all)
        .extracting(Registry::name)
        .containsExactly("team-images", "staging-images", "ci-cache");
    assertThat(all.get(2).hostname()).isEmpty();
    server.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/registries")));
  }

  @Test
  void listIsLazy() {
    server.stubFor(
        get(urlEqualTo(BASE + "/registries?limit=100"))
            .willReturn(okJson(fixture("registries-page-1.json"))));

    Optional<Registry> first = client.registries().list().findFirst();

    assertThat(first).map(Registry::name).contains("team-images");
    server.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/registries")));
  }

  @Test
  void listSendsTheNameFilter() {
    server.stubFor(
        get(urlEqualTo(BASE + "/registries?filter.name=team&limit=100"))
            .willReturn(okJson(fixture("registries-page-2.json"))));

    assertThat(client.registries().list("team").toList()).hasSize(1);
  }

  @Test
  void listStopsWhenTheServerRepeatsTheSameCursor() {
    server.stubFor(
        get(urlPathEqualTo(BASE + "/registries"))
            .willReturn(okJson(fixture("registries-page-1.json"))));

    List<Registry> all;
    try (LogCapture logs = new LogCapture()) {
      all = client.registries().list().toList();

      assertThat(logs.records())
          .filteredOn(r -> r.getLevel() == Level.WARNING)
          .singleElement()
          .satisfies(r -> assertThat(r.getMessage()).contains("nothing new", "stopping after 2"));
    }

    assertThat(all).hasSize(2);
    server.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/registries")));
  }

  @Test
  void updatePatchesOnlyTheGivenPartsAndSendsAnEmptyAllowList() {
    server.stubFor(
        patch(urlEqualTo(registryPath()))
            .willReturn(
                okJson(
                    fixture("registry-running.json")
                        .replace("\"Monday\", \"Thursday\"", "\"Sunday\"")
                        .replace("01:30:00+00:00", "16:00:00+00:00")
                        .replace("[\"203.0.113.0/24\"]", "[]"))));

    Registry updated =
        client
            .registries()
            .update(
                REGISTRY_ID,
                RegistryUpdate.empty()
                    .garbageCollection(WeeklySchedule.at(LocalTime.of(16, 0), DayOfWeek.SUNDAY))
                    .apiSubnetAllowList(List.of()));

    server.verify(
        patchRequestedFor(urlEqualTo(registryPath()))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {"garbageCollectionSchedule": {"days": ["Sunday"], "time": "16:00:00+00:00"},
                     "apiSubnetAllowList": []}\
                    """)));
    assertThat(updated.id()).isEqualTo(REGISTRY_ID);
    assertThat(updated.garbageCollection())
        .contains(WeeklySchedule.at(LocalTime.of(16, 0), DayOfWeek.SUNDAY));
    assertThat(updated.apiSubnetAllowList()).isEmpty();
    assertThat(updated.hostname()).contains(HOSTNAME);
  }

  @Test
  void replacePutsTheWholeRegistryUnderTheCallersId() {
    server.stubFor(
        put(urlEqualTo(registryPath()))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("registry-new.json"))));

    Registry stored =
        client
            .registries()
            .replace(
                REGISTRY_ID,
                RegistrySpec.named("team-images")
                    .location("de/fra")
                    .vulnerabilityScanning(true)
                    .addApiSubnet("198.51.100.7"));

    assertThat(stored.id()).isEqualTo(REGISTRY_ID);
    server.verify(
        putRequestedFor(urlEqualTo(registryPath()))
            .withRequestBody(
                equalToJson(
                    """
                    {"properties": {"name": "team-images", "location": "de/fra",
                      "features": {"vulnerabilityScanning": {"enabled": true}},
                      "apiSubnetAllowList": ["198.51.100.7"]}}\
                    """)));
  }

  @Test
  void deleteSendsDelete() {
    server.stubFor(delete(registryPath()).willReturn(aResponse().withStatus(204)));

    client.registries().delete(REGISTRY_ID);

    server.verify(deleteRequestedFor(urlEqualTo(registryPath())));
  }

  @Test
  void awaitRunningPollsUntilRunningWithAHostname() {
    stubStates("registry-new.json", "registry-waiting.json", "registry-running.json");

    Registry ready = client.registries().awaitRunning(REGISTRY_ID, Duration.ofMinutes(5));

    assertThat(ready.hostname()).contains(HOSTNAME);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    server.verify(3, getRequestedFor(urlEqualTo(registryPath())));
  }

  @Test
  void awaitRunningTimesOutNamingTheLastState() {
    server.stubFor(get(registryPath()).willReturn(okJson(fixture("registry-waiting.json"))));

    assertThatThrownBy(() -> client.registries().awaitRunning(REGISTRY_ID, Duration.ofSeconds(12)))
        .isInstanceOfSatisfying(
            RegistryWaitException.class,
            e -> {
              assertThat(e.lastState()).isEqualTo("WaitingForStorage");
              assertThat(e.registryId()).isEqualTo(REGISTRY_ID);
              assertThat(e.getMessage()).contains("PT12S", "last state seen: WaitingForStorage");
            });
    assertThat(time.sleeps())
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));
  }

  @Test
  void awaitRunningStopsAtAFailedState() {
    server.stubFor(
        get(registryPath())
            .willReturn(
                okJson(
                    fixture("registry-waiting.json")
                        .replace("WaitingForStorage", "FAILED_UPDATING"))));

    assertThatThrownBy(() -> client.registries().awaitRunning(REGISTRY_ID, Duration.ofMinutes(5)))
        .isInstanceOfSatisfying(
            RegistryWaitException.class,
            e -> assertThat(e.lastState()).isEqualTo("FAILED_UPDATING"));
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void awaitDeletedPollsUntilNotFound() {
    server.stubFor(
        get(registryPath())
            .inScenario("d")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(fixture("registry-running.json").replace("Running", "Deleting")))
            .willSetStateTo("gone"));
    server.stubFor(
        get(registryPath())
            .inScenario("d")
            .whenScenarioStateIs("gone")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody(ApiStubs.errorBody(404, "309", "registry not found"))));

    client.registries().awaitDeleted(REGISTRY_ID, Duration.ofMinutes(1));

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void awaitDeletedTimesOutNamingTheLastState() {
    server.stubFor(
        get(registryPath())
            .willReturn(okJson(fixture("registry-running.json").replace("Running", "Deleting"))));

    assertThatThrownBy(() -> client.registries().awaitDeleted(REGISTRY_ID, Duration.ofSeconds(7)))
        .isInstanceOfSatisfying(
            RegistryWaitException.class,
            e -> {
              assertThat(e.lastState()).isEqualTo("Deleting");
              assertThat(e.registryId()).isEqualTo(REGISTRY_ID);
              assertThat(e.getMessage()).contains("PT7S", "last state seen: Deleting");
            });
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(2));
    assertThat(time.instant()).isEqualTo(ApiStubs.NOW.plusSeconds(7));
    server.verify(3, getRequestedFor(urlEqualTo(registryPath())));
  }

  @Test
  void locationsListsTheIds() {
    server.stubFor(get(BASE + "/locations").willReturn(okJson(fixture("locations.json"))));

    assertThat(client.locations()).containsExactly(new Location("de/fra"), new Location("de/txl"));
    server.verify(
        1,
        getRequestedFor(urlEqualTo(BASE + "/locations"))
            .withHeader("Authorization", equalTo("Bearer " + ApiStubs.API_TOKEN))
            .withHeader("Accept", equalTo("application/json")));
    assertThat(server.getAllServeEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.getRequest().getBody()).isEmpty());
  }

  @Test
  void nameAvailabilityReadsTheHeadStatusAsAValue() {
    server.stubFor(
        head(urlEqualTo(BASE + "/names/free-name")).willReturn(aResponse().withStatus(404)));
    server.stubFor(
        head(urlEqualTo(BASE + "/names/team-images")).willReturn(aResponse().withStatus(200)));
    server.stubFor(
        head(urlEqualTo(BASE + "/names/reserved-name")).willReturn(aResponse().withStatus(400)));

    assertThat(client.nameAvailability("free-name")).isEqualTo(NameAvailability.AVAILABLE);
    assertThat(client.nameAvailability("team-images")).isEqualTo(NameAvailability.TAKEN);
    assertThat(client.nameAvailability("reserved-name")).isEqualTo(NameAvailability.INVALID);
    assertThat(client.nameAvailability("No_Such")).isEqualTo(NameAvailability.INVALID);
    server.verify(3, headRequestedFor(urlPathMatching(BASE + "/names/.*")));
  }

  private void stubStates(String... fixtures) {
    String state = Scenario.STARTED;
    for (int i = 0; i < fixtures.length; i++) {
      String next = i + 1 < fixtures.length ? "s" + (i + 1) : state;
      server.stubFor(
          get(registryPath())
              .inScenario("w")
              .whenScenarioStateIs(state)
              .willReturn(okJson(fixture(fixtures[i])))
              .willSetStateTo(next));
      state = next;
    }
  }
}
