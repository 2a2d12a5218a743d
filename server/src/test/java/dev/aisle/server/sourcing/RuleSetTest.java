package dev.aisle.server.sourcing;

import dev.aisle.api.Problem.FieldError;
import dev.aisle.server.platform.ApiProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleSetTest {

  @Test
  @DisplayName("The defaults round-trip through JSON and match config/sourcing-rules.json")
  void defaultsRoundTrip() throws Exception {
    RuleSet defaults = RuleSet.defaults();
    assertEquals(defaults, RuleSet.parse(defaults.toJson()));
    assertEquals(defaults, RuleSet.parse(new JsonObject(Files.readString(Path.of("config/sourcing-rules.json")))));
  }

  @Test
  @DisplayName("Every filter and score type round-trips, with its value or locations")
  void everythingRoundTrips() {
    RuleSet rules = new RuleSet("peak-2026", 2, Shortage.SHIP_AVAILABLE, false,
        List.of(Filter.of(Filter.CAPABILITY), Filter.of(Filter.MIN_ATS), Filter.maxDistanceKm(80),
            Filter.of(Filter.STORE_CAPACITY), Filter.excludeLocations(List.of("S007", "DC-WEST"))),
        List.of(new Score(Score.DISTANCE, 2), new Score(Score.SHIPPING_COST, 1), new Score(Score.OVERSTOCK, 0),
            new Score(Score.LOCATION_PRIORITY, 0.1), new Score(Score.SPLIT_PENALTY, 5)),
        new Rates(5, 0.02, 0.3));
    JsonObject json = rules.toJson();
    assertEquals("ship-available", json.getString("shortage"));
    assertEquals(new JsonObject().put("type", "maxDistanceKm").put("value", 80.0),
        json.getJsonArray("filters").getJsonObject(2));
    assertEquals(rules, RuleSet.parse(json));
    assertEquals(rules, RuleSet.parse(new JsonObject(json.encode())));
  }

  @Test
  @DisplayName("A bad document is a 422 naming every bad field")
  void badDocumentNamesEveryField() {
    JsonObject doc = new JsonObject()
        .put("name", "broken")
        .put("maxSplits", -1)
        .put("shortage", "maybe")
        .put("maxSplit", 2)
        .put("filters", new JsonArray()
            .add(new JsonObject().put("type", "capability"))
            .add(new JsonObject().put("type", "nearToMars"))
            .add(new JsonObject().put("type", "maxDistanceKm"))
            .add(new JsonObject().put("type", "excludeLocations").put("locations", new JsonArray().add("S1").add(7))))
        .put("scores", new JsonArray()
            .add(new JsonObject().put("type", "shippingCost").put("weight", -0.5))
            .add(new JsonObject().put("type", "distance"))
            .add(new JsonObject().put("type", "distance").put("weight", 1)))
        .put("rates", new JsonObject().put("perShipment", 4).put("perKm", "cheap"));

    ApiProblem problem = assertThrows(ApiProblem.class, () -> RuleSet.parse(doc));

    assertEquals(422, problem.status());
    Map<String, String> errors = problem.errors().stream()
        .collect(Collectors.toMap(FieldError::field, FieldError::message));
    assertEquals(Map.ofEntries(
        Map.entry("maxSplit", "is not a rule set field"),
        Map.entry("maxSplits", "must be between 0 and 20"),
        Map.entry("shortage", "must be one of reject, backorder, ship-available"),
        Map.entry("filters[1].type",
            "must be one of capability, minAts, maxDistanceKm, storeCapacity, excludeLocations"),
        Map.entry("filters[2].value", "is required (the distance in km)"),
        Map.entry("filters[3].locations[1]", "must be a location id"),
        Map.entry("scores[0].weight", "must be between 0 and 1000"),
        Map.entry("scores[1].weight", "is required"),
        Map.entry("scores[2].type", "distance appears more than once"),
        Map.entry("rates.perKm", "must be a number ≥ 0"),
        Map.entry("rates.perKg", "is required")), errors);
    assertEquals(11, problem.errors().size());
    assertTrue(problem.getMessage().startsWith("rule set: 11 fields are invalid: "), problem.getMessage());
  }

  @Test
  @DisplayName("Missing required fields are named; metadata from versioning is ignored")
  void requiredFields() {
    ApiProblem problem = assertThrows(ApiProblem.class, () -> RuleSet.parse(new JsonObject().put("version", 3)));
    assertEquals(List.of("name", "maxSplits", "shortage", "filters", "scores"),
        problem.errors().stream().map(FieldError::field).toList());

    RuleSet minimal = RuleSet.parse(new JsonObject().put("name", "minimal").put("maxSplits", 0)
        .put("shortage", "backorder").put("filters", new JsonArray()).put("scores", new JsonArray())
        .put("version", 3).put("description", "the least a rule set needs"));
    assertEquals(new RuleSet("minimal", 0, Shortage.BACKORDER, false, List.of(), List.of(), RuleSet.DEFAULT_RATES),
        minimal);
  }
}
