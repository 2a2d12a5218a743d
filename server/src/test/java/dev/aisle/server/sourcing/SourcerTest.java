package dev.aisle.server.sourcing;

import dev.aisle.api.Capability;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourcerTest {

  static final RuleSet DEFAULTS = RuleSet.defaults();

  static RuleSet rules(int maxSplits, Shortage shortage, boolean transfers, List<Filter> filters, Score... scores) {
    return new RuleSet("test", maxSplits, shortage, transfers, filters, List.of(scores), RuleSet.DEFAULT_RATES);
  }

  static RuleSet withShortage(Shortage shortage, int maxSplits) {
    RuleSet d = DEFAULTS;
    return new RuleSet(d.name(), maxSplits, shortage, d.pickupTransfers(), d.filters(), d.scores(), d.rates());
  }

  static Decision.Line line(Plan plan, int lineNo) {
    return plan.decision().lines().stream().filter(l -> l.lineNo() == lineNo).findFirst().orElseThrow();
  }

  static Decision.Candidate candidate(Decision.Line line, String id) {
    return line.candidates().stream().filter(c -> c.locationId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(id + " not listed in " + line.candidates()));
  }

  static void assertContains(String text, String part) {
    assertTrue(text.contains(part), "expected \"" + part + "\" in: " + text);
  }

  @Test
  @DisplayName("The nearest store that can ship and has stock wins; the ones that cannot are listed with why")
  void nearestCapableStoreWins() {
    TestNetwork net = new TestNetwork()
        .store("S1", "Aisle Pickup Only", 2, Set.of(Capability.PICKUP)).stock("SKU-1", "S1", 5)
        .store("S4", "Aisle Quincy", 3)
        .store("S2", "Aisle Brookline", 5).stock("SKU-1", "S2", 5)
        .store("S3", "Aisle Newton", 10).stock("SKU-1", "S3", 5)
        .dc("DC-EAST", "Aisle DC East", 300).stock("SKU-1", "DC-EAST", 1000);

    Plan plan = net.plan(DEFAULTS, LineRequest.ship(1, "SKU-1", 2, 0.5));

    assertTrue(plan.accepted());
    assertEquals(List.of(new Allocation(1, "SKU-1", "S2", 2, AllocationKind.SHIP, null, 5.0)), plan.allocations());
    assertEquals(List.of(), plan.shortfalls());
    Decision.Line line = line(plan, 1);
    assertEquals("Aisle Brookline", line.placed().get(0).name());
    assertEquals("nearest store with enough stock (5 km)", line.placed().get(0).why());
    assertContains(plan.decision().summary(), "Line 1 (2 × SKU-1) ships from Aisle Brookline (5 km)");
    Decision.Candidate pickupOnly = candidate(line, "S1");
    assertFalse(pickupOnly.passed());
    assertEquals(List.of(new Decision.FailedFilter("capability", "cannot ship")), pickupOnly.failed());
    assertEquals(5, pickupOnly.available());
    assertEquals(List.of(new Decision.FailedFilter("minAts", "none available")), candidate(line, "S4").failed());
    Decision.Candidate winner = candidate(line, "S2");
    assertEquals(1, winner.rank());
    assertEquals(2L, winner.allocated());
    assertEquals(5.0, winner.distanceKm());
    Decision.ScorePart cost = winner.scores().get(0);
    assertEquals("shippingCost", cost.score());
    assertEquals(4.0 + 0.05 + 0.5, cost.raw(), 1e-9); // perShipment + 5 km × 0.01 + 1 kg × 0.5
    assertEquals(0.0, cost.points());
    assertEquals(2, candidate(line, "S3").rank());
    assertEquals(3, candidate(line, "DC-EAST").rank());
    assertEquals(1.0, candidate(line, "DC-EAST").scores().get(0).points()); // the farthest costs the full weight
    assertEquals(5, line.candidates().size());
    assertEquals(0, line.notListed().count());
  }

  @Test
  @DisplayName("The overstock weight flips a close call between two stores 1.2 km apart")
  void overstockFlipsCloseCall() {
    TestNetwork net = new TestNetwork()
        .store("S1", "Aisle Cambridge", 10).stock("SKU-1", "S1", 3)
        .store("S2", "Aisle Somerville", 11.2).stock("SKU-1", "S2", 400)
        .dc("DC-EAST", "Aisle DC East", 300).stock("SKU-1", "DC-EAST", 1000);
    List<Filter> filters = List.of(Filter.of(Filter.MIN_ATS));

    Plan noWeight = net.plan(rules(1, Shortage.REJECT, false, filters, new Score(Score.SHIPPING_COST, 1.0),
        new Score(Score.OVERSTOCK, 0)), LineRequest.ship(1, "SKU-1", 1, 1));
    assertEquals("S1", noWeight.allocations().get(0).locationId());
    assertEquals("nearest store with enough stock (10 km)", line(noWeight, 1).placed().get(0).why());

    Plan heavy = net.plan(rules(1, Shortage.REJECT, false, filters, new Score(Score.SHIPPING_COST, 1.0),
        new Score(Score.OVERSTOCK, 2.0)), LineRequest.ship(1, "SKU-1", 1, 1));
    assertEquals("S2", heavy.allocations().get(0).locationId());
    assertEquals("more stock than Aisle Cambridge, which was 1.2 km closer (400 vs 3 available)",
        line(heavy, 1).placed().get(0).why());
    Decision.Candidate cambridge = candidate(line(heavy, 1), "S1");
    assertEquals(3, cambridge.rank()); // behind the DC too: 2 overstock points outweigh 1 for 290 km
    Decision.ScorePart overstock = cambridge.scores().get(1);
    assertEquals(new Decision.ScorePart("overstock", 2, "units left", 2.0, 2.0), overstock);

    Plan defaults = net.plan(DEFAULTS, LineRequest.ship(1, "SKU-1", 1, 1));
    assertEquals("S2", defaults.allocations().get(0).locationId(), "the default weight flips a 1.2 km call too");
  }

  @Test
  @DisplayName("A store at capacity today is skipped and the explanation says so")
  void storeAtCapacityIsSkipped() {
    TestNetwork net = new TestNetwork()
        .store("S1", "Aisle Back Bay", 5).stock("SKU-1", "S1", 10).capacityLeft("S1", 0)
        .store("S2", "Aisle Dorchester", 8).stock("SKU-1", "S2", 10);

    Plan plan = net.plan(DEFAULTS, LineRequest.ship(1, "SKU-1", 1, 1));

    assertEquals("S2", plan.allocations().get(0).locationId());
    Decision.Candidate full = candidate(line(plan, 1), "S1");
    assertFalse(full.passed());
    assertEquals(List.of(new Decision.FailedFilter("storeCapacity", "at capacity today (200 of 200 orders)")),
        full.failed());
    assertEquals("only location with enough stock that passed the filters (8 km)",
        line(plan, 1).placed().get(0).why());
  }

  private static TestNetwork threeSmallStores() {
    return new TestNetwork()
        .store("S1", "Aisle One", 2).stock("SKU-1", "S1", 2)
        .store("S2", "Aisle Two", 4).stock("SKU-1", "S2", 2)
        .store("S3", "Aisle Three", 6).stock("SKU-1", "S3", 2);
  }

  @Test
  @DisplayName("maxSplits 1 cannot use the three locations an order needs: the rule set's shortage applies")
  void maxSplitsRespected() {
    Plan plan = threeSmallStores().plan(withShortage(Shortage.REJECT, 1), LineRequest.ship(1, "SKU-1", 6, 1));

    assertFalse(plan.accepted());
    assertEquals(List.of(), plan.allocations());
    assertEquals(List.of(new Shortfall(1, "SKU-1", 2, "reject")), plan.shortfalls());
    assertContains(line(plan, 1).shortfall().why(), "the 2 locations the order may ship from (maxSplits 1)");
    assertContains(plan.decision().summary(), "The order is rejected: 2 units cannot be placed");

    Plan partial = threeSmallStores().plan(withShortage(Shortage.BACKORDER, 1), LineRequest.ship(1, "SKU-1", 6, 1));
    assertTrue(partial.accepted());
    assertEquals(List.of("S1", "S2"), partial.allocations().stream().map(Allocation::locationId).toList());
    assertEquals(List.of(new Shortfall(1, "SKU-1", 2, "backorder")), partial.shortfalls());
  }

  @Test
  @DisplayName("maxSplits 2 lets one line be split over three locations")
  void maxSplitsTwoPlacesIt() {
    Plan plan = threeSmallStores().plan(withShortage(Shortage.REJECT, 2), LineRequest.ship(1, "SKU-1", 6, 1));

    assertTrue(plan.accepted());
    assertEquals(List.of(
        new Allocation(1, "SKU-1", "S1", 2, AllocationKind.SHIP, null, 2.0),
        new Allocation(1, "SKU-1", "S2", 2, AllocationKind.SHIP, null, 4.0),
        new Allocation(1, "SKU-1", "S3", 2, AllocationKind.SHIP, null, 6.0)), plan.allocations());
    assertEquals(3, plan.decision().shipments());
    assertContains(line(plan, 1).placed().get(0).why(), "no single location has all 6; 2 from here");
    assertContains(plan.decision().summary(), "The order ships from 3 locations");
  }

  private static TestNetwork twoSkus() {
    return new TestNetwork()
        .store("S1", "Aisle Near", 1).stock("SKU-A", "S1", 5)
        .store("S2", "Aisle Mid", 5).stock("SKU-A", "S2", 5).stock("SKU-B", "S2", 5)
        .dc("DC-EAST", "Aisle DC East", 500).stock("SKU-A", "DC-EAST", 1000).stock("SKU-B", "DC-EAST", 1000);
  }

  @Test
  @DisplayName("One location that can take every line beats the nearest per line plus a split penalty")
  void singleLocationPreferredOverSplit() {
    Plan plan = twoSkus().plan(DEFAULTS, LineRequest.ship(1, "SKU-A", 1, 1), LineRequest.ship(2, "SKU-B", 1, 1));

    assertEquals(List.of("S2", "S2"), plan.allocations().stream().map(Allocation::locationId).toList());
    assertEquals("one location", plan.decision().strategy());
    assertEquals(1, plan.decision().shipments());
    String why = line(plan, 1).placed().get(0).why();
    assertContains(why, "kept in one shipment with line 2");
    assertContains(why, "Aisle Near scored better for this line alone");
    List<Decision.Option> options = plan.decision().options();
    assertEquals(2, options.size());
    assertEquals(List.of("S2"), options.get(0).locations());
    assertTrue(options.get(0).chosen());
    assertEquals(List.of("S1", "S2"), options.get(1).locations());
    assertFalse(options.get(1).chosen());
    assertTrue(options.get(1).points() > options.get(0).points());

    RuleSet noPenalty = rules(1, Shortage.REJECT, false, List.of(Filter.of(Filter.MIN_ATS)),
        new Score(Score.SHIPPING_COST, 1.0), new Score(Score.SPLIT_PENALTY, 0));
    Plan split = twoSkus().plan(noPenalty, LineRequest.ship(1, "SKU-A", 1, 1), LineRequest.ship(2, "SKU-B", 1, 1));
    assertEquals(List.of("S1", "S2"), split.allocations().stream().map(Allocation::locationId).toList());
    assertEquals("per line", split.decision().strategy());
    assertEquals(2, split.decision().shipments());
  }

  @Test
  @DisplayName("A pickup line is allocated at the customer's store when it has enough")
  void pickupAtTheStore() {
    TestNetwork net = new TestNetwork()
        .store("S1", "Aisle Cambridge", 10).stock("SKU-1", "S1", 3)
        .store("S2", "Aisle Somerville", 1).stock("SKU-1", "S2", 50);

    Plan plan = Sourcer.plan(DEFAULTS, new SourcingRequest(null, List.of(LineRequest.pickup(1, "SKU-1", 2, "S1"))),
        net.stock(), net);

    assertTrue(plan.accepted());
    assertEquals(List.of(new Allocation(1, "SKU-1", "S1", 2, AllocationKind.PICKUP, null, 0)), plan.allocations());
    assertEquals("Line 1 (2 × SKU-1) is picked up at Aisle Cambridge: picked up at the customer's store, which has 3"
        + " available.", line(plan, 1).why());
    assertNull(line(plan, 1).candidates());
    assertNull(plan.decision().strategy());
  }

  @Test
  @DisplayName("A pickup store short of stock gets the rest transferred from the nearest location that has it")
  void pickupWithTransfer() {
    TestNetwork net = new TestNetwork()
        .store("S1", "Aisle Cambridge", 10).stock("SKU-1", "S1", 1)
        .store("S2", "Aisle Somerville", 12).stock("SKU-1", "S2", 5)
        .store("S3", "Aisle Salem", 40).stock("SKU-1", "S3", 5)
        .dc("DC-EAST", "Aisle DC East", 300).stock("SKU-1", "DC-EAST", 1000);

    Plan plan = net.plan(DEFAULTS, LineRequest.pickup(1, "SKU-1", 3, "S1"));

    assertTrue(plan.accepted());
    assertEquals(List.of(
        new Allocation(1, "SKU-1", "S1", 1, AllocationKind.PICKUP, null, 0),
        new Allocation(1, "SKU-1", "S2", 2, AllocationKind.TRANSFER, "S1", 2.0)), plan.allocations());
    Decision.Line line = line(plan, 1);
    assertEquals("a transfer to Aisle Cambridge", line.candidatesFor());
    assertEquals("Aisle Cambridge has only 1 of 3, so 2 are shipped to it from here (2 km away): nearest store with "
        + "enough stock to the store (2 km)", line.placed().get(1).why());
    assertEquals(2.0, candidate(line, "S2").distanceKm());
    assertEquals(30.0, candidate(line, "S3").distanceKm());

    RuleSet noTransfers = new RuleSet("no-transfers", 1, Shortage.BACKORDER, false, DEFAULTS.filters(),
        DEFAULTS.scores(), DEFAULTS.rates());
    Plan backordered = net.plan(noTransfers, LineRequest.pickup(1, "SKU-1", 3, "S1"));
    assertEquals(List.of(new Allocation(1, "SKU-1", "S1", 1, AllocationKind.PICKUP, null, 0)),
        backordered.allocations());
    assertEquals(List.of(new Shortfall(1, "SKU-1", 2, "backorder")), backordered.shortfalls());
    assertEquals("Aisle Cambridge has only 1 and the rule set does not allow transfers",
        line(backordered, 1).shortfall().why());
  }

  @Test
  @DisplayName("A pickup at an inactive store is a shortfall with the reason")
  void pickupAtInactiveStore() {
    TestNetwork net = new TestNetwork().store("S1", "Aisle Cambridge", 10).stock("SKU-1", "S1", 5).inactive("S1");

    Plan plan = net.plan(DEFAULTS, LineRequest.pickup(1, "SKU-1", 1, "S1"));

    assertFalse(plan.accepted());
    assertEquals(List.of(new Shortfall(1, "SKU-1", 1, "reject")), plan.shortfalls());
    assertEquals("Aisle Cambridge is inactive, so it cannot hand over pickups", line(plan, 1).shortfall().why());
  }

  @Test
  @DisplayName("maxDistanceKm filters out a far location and names the distance; minAts names what is missing")
  void distanceFilter() {
    TestNetwork net = new TestNetwork()
        .store("S1", "Aisle Far", 412.3).stock("SKU-1", "S1", 50)
        .store("S2", "Aisle Close", 60).stock("SKU-1", "S2", 1)
        .store("S3", "Aisle Middle", 75).stock("SKU-1", "S3", 10);
    RuleSet rules = rules(0, Shortage.REJECT, false, List.of(Filter.of(Filter.MIN_ATS), Filter.maxDistanceKm(80)),
        new Score(Score.DISTANCE, 1.0));

    Plan plan = net.plan(rules, LineRequest.ship(1, "SKU-1", 1, 1));
    assertEquals("S2", plan.allocations().get(0).locationId());
    assertEquals(List.of(new Decision.FailedFilter("maxDistanceKm", "more than 80 km away (412.3 km)")),
        candidate(line(plan, 1), "S1").failed());

    Plan two = net.plan(rules, LineRequest.ship(1, "SKU-1", 2, 1));
    assertEquals("S3", two.allocations().get(0).locationId());
    assertEquals(List.of(new Decision.FailedFilter("minAts", "only 1 available, needs 2")),
        candidate(line(two, 1), "S2").failed());

    Plan tooFar = net.plan(rules, LineRequest.ship(1, "SKU-1", 11, 1));
    assertFalse(tooFar.accepted());
    assertEquals(List.of(new Shortfall(1, "SKU-1", 1, "reject")), tooFar.shortfalls());
    // split mode: the one with the most is taken first, and maxSplits 0 allows no second
    assertEquals(10L, candidate(line(tooFar, 1), "S3").allocated());
    assertNull(candidate(line(tooFar, 1), "S2").allocated());
  }

  private static TestNetwork shortOfB() {
    return new TestNetwork()
        .store("S1", "Aisle One", 3).stock("SKU-A", "S1", 5).stock("SKU-B", "S1", 1);
  }

  @Test
  @DisplayName("Shortage reject turns the whole order away")
  void shortageReject() {
    Plan plan = shortOfB().plan(withShortage(Shortage.REJECT, 0), LineRequest.ship(1, "SKU-A", 2, 1),
        LineRequest.ship(2, "SKU-B", 3, 1));

    assertFalse(plan.accepted());
    assertEquals(List.of(), plan.allocations());
    assertEquals(List.of(new Shortfall(2, "SKU-B", 2, "reject")), plan.shortfalls());
    assertContains(line(plan, 2).why(), "2 cannot be placed");
    assertContains(line(plan, 2).why(), "the order is rejected");
    assertEquals(List.of(), line(plan, 1).placed());
    assertEquals(0, plan.decision().shipments());
  }

  @Test
  @DisplayName("Shortage backorder places what it can and backorders the rest")
  void shortageBackorder() {
    Plan plan = shortOfB().plan(withShortage(Shortage.BACKORDER, 0), LineRequest.ship(1, "SKU-A", 2, 1),
        LineRequest.ship(2, "SKU-B", 3, 1));

    assertTrue(plan.accepted());
    assertEquals(List.of(
        new Allocation(1, "SKU-A", "S1", 2, AllocationKind.SHIP, null, 3.0),
        new Allocation(2, "SKU-B", "S1", 1, AllocationKind.SHIP, null, 3.0)), plan.allocations());
    assertEquals(List.of(new Shortfall(2, "SKU-B", 2, "backorder")), plan.shortfalls());
    assertEquals(new Decision.Missing(2, "backorder",
        "not enough stock in the 1 location the order may ship from (maxSplits 0)"), line(plan, 2).shortfall());
    assertContains(line(plan, 2).why(), "backordered");
  }

  @Test
  @DisplayName("Shortage ship-available cancels the rest, and rejects an order with nothing to ship")
  void shortageShipAvailable() {
    Plan plan = shortOfB().plan(withShortage(Shortage.SHIP_AVAILABLE, 0), LineRequest.ship(1, "SKU-A", 2, 1),
        LineRequest.ship(2, "SKU-B", 3, 1));
    assertTrue(plan.accepted());
    assertEquals(3, plan.allocations().stream().mapToLong(Allocation::quantity).sum());
    assertEquals(List.of(new Shortfall(2, "SKU-B", 2, "reject")), plan.shortfalls());
    assertContains(line(plan, 2).why(), "cancelled; the rest of the order goes ahead");

    Plan nothing = shortOfB().plan(withShortage(Shortage.SHIP_AVAILABLE, 0), LineRequest.ship(1, "SKU-C", 1, 1));
    assertFalse(nothing.accepted());
    assertEquals(List.of(new Shortfall(1, "SKU-C", 1, "reject")), nothing.shortfalls());
    assertEquals("no location can ship it (1 failed minAts)", line(nothing, 1).shortfall().why());
  }

  @Test
  @DisplayName("Big networks list at most 10 candidates per line and count the rest per filter")
  void explanationIsBounded() {
    TestNetwork net = new TestNetwork();
    for (int i = 1; i <= 60; i++) {
      String id = String.format("S%03d", i);
      net.store(id, "Aisle " + i, i * 3.0);
      if (i % 2 == 0) {
        net.stock("SKU-1", id, 10);
      }
    }
    Plan plan = net.plan(rules(0, Shortage.REJECT, false, List.of(Filter.of(Filter.MIN_ATS),
        Filter.maxDistanceKm(100)), new Score(Score.DISTANCE, 1)), LineRequest.ship(1, "SKU-1", 1, 1));

    assertEquals("S002", plan.allocations().get(0).locationId());
    Decision.Line line = line(plan, 1);
    assertEquals(Sourcer.LISTED, line.candidates().size());
    // 16 stores have stock within 100 km: the best 6 are listed, then the 4 nearest that failed
    assertEquals(6, line.candidates().stream().filter(Decision.Candidate::passed).count());
    assertEquals(List.of("S001", "S003", "S005", "S007"),
        line.candidates().subList(6, 10).stream().map(Decision.Candidate::locationId).toList());
    assertEquals(new Decision.NotListed(50, 10, java.util.Map.of("minAts", 26, "maxDistanceKm", 27)),
        line.notListed());
  }

  @Test
  @DisplayName("The decision is plain JSON: it serialises and reads back equal")
  void decisionIsJson() {
    Plan plan = twoSkus().plan(DEFAULTS, LineRequest.ship(1, "SKU-A", 1, 1), LineRequest.ship(2, "SKU-B", 1, 1));

    JsonObject json = JsonObject.mapFrom(plan.decision());
    assertEquals("default", json.getString("ruleSet"));
    JsonArray candidates = json.getJsonArray("lines").getJsonObject(0).getJsonArray("candidates");
    assertNotNull(candidates.getJsonObject(0).getJsonArray("scores"));
    assertEquals(plan.decision(), json.mapTo(Decision.class));
  }
}
