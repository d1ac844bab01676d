package io.github.pullsecrets.registry.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.registry.Artifact;
import io.github.pullsecrets.registry.Registry;
import io.github.pullsecrets.registry.Repository;
import io.github.pullsecrets.registry.ResourceMetadata;
import io.github.pullsecrets.registry.Scope;
import io.github.pullsecrets.registry.Token;
import io.github.pullsecrets.registry.TokenStatus;
import io.github.pullsecrets.registry.Vulnerability;
import io.github.pullsecrets.registry.WeeklySchedule;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Converts API JSON documents to this module's values and back. */
final class Convert {

  private Convert() {}

  static Registry registry(JsonView json) {
    JsonView properties = json.object("properties");
    return guarded(
        json,
        () ->
            new Registry(
                json.text("id"),
                properties.text("name"),
                properties.text("location"),
                properties.optNonEmptyText("hostname"),
                properties.optObject("garbageCollectionSchedule").flatMap(Convert::schedule),
                scanning(properties),
                properties.strings("apiSubnetAllowList"),
                properties.optObject("storageUsage").map(u -> u.longValue("bytes", 0)).orElse(0L),
                metadata(json)));
  }

  static Token token(JsonView json) {
    JsonView properties = json.object("properties");
    String name = properties.text("name");
    return guarded(
        json,
        () ->
            new Token(
                json.text("id"),
                name,
                properties
                    .optObject("credentials")
                    .flatMap(c -> c.optNonEmptyText("username"))
                    .orElse(name),
                status(properties),
                properties.optInstant("expiryDate"),
                properties.map("scopes", Convert::scope),
                metadata(json)));
  }

  static Repository repository(JsonView json) {
    JsonView metadata = json.optObject("metadata").orElse(json);
    return guarded(
        json,
        () ->
            new Repository(
                json.object("properties").text("name"),
                metadata.longValue("artifactCount", 0),
                metadata.longValue("pullCount", 0),
                metadata.longValue("pushCount", 0),
                metadata.optInstant("lastPushedAt"),
                metadata.optInstant("lastPulledAt"),
                metadata.optNonEmptyText("lastSeverity")));
  }

  static Artifact artifact(JsonView json) {
    JsonView properties = json.object("properties");
    JsonView metadata = json.optObject("metadata").orElse(json);
    return guarded(
        json,
        () ->
            new Artifact(
                properties.text("repositoryName"),
                properties.text("digest"),
                properties.text("mediaType"),
                properties.strings("tags"),
                metadata.longValue("pushCount", 0),
                metadata.longValue("pullCount", 0),
                metadata.optInstant("lastPushedAt"),
                metadata.optInstant("lastPulledAt"),
                metadata.optNonEmptyText("vulnMaxSeverity"),
                metadata.longValue("vulnTotalCount", 0),
                metadata.longValue("vulnFixableCount", 0)));
  }

  static Vulnerability vulnerability(JsonView json) {
    JsonView properties = json.object("properties");
    Optional<JsonView> metadata = json.optObject("metadata");
    return guarded(
        json,
        () ->
            new Vulnerability(
                json.text("id"),
                properties.text("description"),
                properties.text("severity"),
                properties.doubleValue("score"),
                properties.bool("fixable", false),
                properties.map("affects", Convert::affected),
                properties.strings("references"),
                properties.optNonEmptyText("recommendations"),
                metadata.flatMap(m -> m.optInstant("publishedAt"))));
  }

  static ObjectNode scheduleJson(ObjectNode parent, WeeklySchedule schedule) {
    ObjectNode node = parent.putObject("garbageCollectionSchedule");
    ArrayNode days = node.putArray("days");
    schedule.days().stream().sorted().forEach(day -> days.add(dayName(day)));
    node.put("time", Times.formatUtcTime(schedule.time()));
    return node;
  }

  static void scopesJson(ObjectNode parent, List<Scope> scopes) {
    ArrayNode array = parent.putArray("scopes");
    for (Scope scope : scopes) {
      ObjectNode node = array.addObject();
      node.put("name", scope.name());
      node.put("type", scope.type());
      scope.actions().forEach(node.putArray("actions")::add);
    }
  }

  private static Scope scope(JsonView json) {
    return new Scope(json.text("name"), json.text("type"), json.strings("actions"));
  }

  private static Vulnerability.AffectedPackage affected(JsonView json) {
    return new Vulnerability.AffectedPackage(
        json.optText("type").orElse(""),
        json.optText("name").orElse(""),
        json.optText("version").orElse(""));
  }

  private static ResourceMetadata metadata(JsonView json) {
    Optional<JsonView> found = json.optObject("metadata");
    if (found.isEmpty()) {
      return new ResourceMetadata("", "", Optional.empty(), "", Optional.empty());
    }
    JsonView m = found.get();
    return new ResourceMetadata(
        m.optText("state").orElse(""),
        m.optText("createdBy").orElse(""),
        m.optInstant("createdDate"),
        m.optText("lastModifiedBy").orElse(""),
        m.optInstant("lastModifiedDate"));
  }

  private static boolean scanning(JsonView properties) {
    return properties
        .optObject("features")
        .flatMap(features -> features.optObject("vulnerabilityScanning"))
        .map(feature -> feature.bool("enabled", false))
        .orElse(false);
  }

  private static TokenStatus status(JsonView properties) {
    String value = properties.optText("status").orElse("enabled");
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "enabled" -> TokenStatus.ENABLED;
      case "disabled" -> TokenStatus.DISABLED;
      default -> throw properties.context().malformed("unknown token status '" + value + "'");
    };
  }

  private static Optional<WeeklySchedule> schedule(JsonView json) {
    Set<DayOfWeek> days = new HashSet<>();
    for (String day : json.strings("days")) {
      days.add(day(json, day));
    }
    Optional<LocalTime> time = json.optText("time").flatMap(Times::parseUtcTime);
    if (days.isEmpty() || time.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new WeeklySchedule(days, time.get()));
  }

  private static DayOfWeek day(JsonView json, String day) {
    try {
      return DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw json.context().malformed("unknown day '" + day + "' in garbageCollectionSchedule");
    }
  }

  private static String dayName(DayOfWeek day) {
    String name = day.name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  private static <T> T guarded(JsonView json, Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (IllegalArgumentException e) {
      throw json.context().malformed("invalid value: " + e.getMessage());
    }
  }
}
