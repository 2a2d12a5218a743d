package dev.aisle.server.sourcing;

import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.api.LocationType;
import dev.aisle.server.demo.DemoData;
import dev.aisle.server.demo.DemoNetwork;
import dev.aisle.server.inventory.SkuStock;
import dev.aisle.server.inventory.StockRow;
import dev.aisle.server.network.GeoPoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * ~2,400 seeded random orders over the demo network (and a degraded copy of it), under a dozen rule sets: the
 * planner's golden cases ({@link SourcerGoldenTest}), and a wide set of real decisions for tests of what is done with
 * them (how they are stored).
 */
public final class GoldenCases {

  private GoldenCases() {}

  public static final int ORDERS = 2_400;

  private static List<Location> locations;
  /** The same network with a few locations inactive or unable to ship (other failure reasons). */
  private static List<Location> degraded;
  private static final Map<String, SkuStock> stock = new HashMap<>();
  private static final List<String> skus = new ArrayList<>();
  private static final List<String> hotSkus = new ArrayList<>();

  private static Network network(List<Location> all) {
    TestNetwork network = new TestNetwork();
    for (Location l : all) {
      int h = Math.floorMod(l.id().hashCode(), 11);
      network.add(l).capacityLeft(l.id(), h == 0 ? 0 : h == 1 ? -3 : 40 + h); // about 1 in 5 locations is full today
    }
    return network;
  }

  private static Network main;
  private static Network other;

  private static boolean loaded;

  /** Builds the network, its stock and the degraded copy once per test run. */
  public static synchronized void load() throws IOException {
    if (loaded) {
      return;
    }
    loaded = true;
    DemoData data = DemoNetwork.generate(42, Path.of("config"));
    locations = data.locations();
    Map<String, Map<String, Long>> bySku = new HashMap<>();
    for (StockRow r : data.stock()) {
      long available = Math.max(0, r.onHand() - r.safetyStock());
      bySku.computeIfAbsent(r.sku(), k -> new HashMap<>()).put(r.locationId(), available);
    }
    // Scarce SKUs: a few units at a few locations, so lines split, fall short and compete for the same units.
    SplittableRandom rng = new SplittableRandom(2024);
    for (int k = 0; k < 6; k++) {
      Map<String, Long> m = new HashMap<>();
      int at = 1 + rng.nextInt(4);
      for (int j = 0; j < at; j++) {
        m.put(locations.get(rng.nextInt(locations.size())).id(), (long) rng.nextInt(3)); // 0..2, zeros included
      }
      bySku.put("SCARCE-" + k, m);
    }
    bySku.forEach((sku, m) -> stock.put(sku, SkuStock.ofAvailable(sku, m)));
    skus.addAll(bySku.keySet().stream().sorted().toList());
    hotSkus.addAll(DemoNetwork.DOORBUSTERS);
    hotSkus.addAll(bySku.keySet().stream().filter(s -> s.startsWith("SCARCE-")).sorted().toList());
    hotSkus.add("SKU-NOT-STOCKED");

    degraded = new ArrayList<>();
    for (int i = 0; i < locations.size(); i++) {
      Location l = locations.get(i);
      if (i % 17 == 3) {
        l = new Location(l.id(), l.type(), l.name(), l.lat(), l.lon(), l.address(), l.capabilities(),
            l.openingHours(), l.timezone(), l.capacityPerDay(), l.priority(), false);
      } else if (i % 13 == 5) {
        l = new Location(l.id(), l.type(), l.name(), l.lat(), l.lon(), l.address(), Set.of(Capability.PICKUP),
            l.openingHours(), l.timezone(), l.capacityPerDay(), l.priority(), l.active());
      }
      degraded.add(l);
    }
    main = network(locations);
    other = network(degraded);
  }

  private static List<RuleSet> ruleSets() {
    RuleSet d = RuleSet.defaults();
    List<String> someIds = List.of(locations.get(0).id(), locations.get(5).id(), locations.get(50).id(),
        locations.get(locations.size() - 1).id(), locations.get(120).id());
    List<Filter> dFilters = d.filters();
    List<RuleSet> sets = new ArrayList<>();
    sets.add(d);
    sets.add(new RuleSet("backorder", 1, Shortage.BACKORDER, true, dFilters, d.scores(), d.rates()));
    sets.add(new RuleSet("ship-available", 1, Shortage.SHIP_AVAILABLE, true, dFilters, d.scores(), d.rates()));
    sets.add(new RuleSet("no splits", 0, Shortage.BACKORDER, true, dFilters, d.scores(), d.rates()));
    sets.add(new RuleSet("two splits", 2, Shortage.SHIP_AVAILABLE, true, dFilters, d.scores(), d.rates()));
    sets.add(new RuleSet("exclude", 1, Shortage.BACKORDER, true,
        List.of(Filter.of(Filter.CAPABILITY), Filter.of(Filter.MIN_ATS), Filter.excludeLocations(someIds),
            Filter.of(Filter.STORE_CAPACITY)), d.scores(), d.rates()));
    sets.add(new RuleSet("near only", 1, Shortage.BACKORDER, true,
        List.of(Filter.of(Filter.CAPABILITY), Filter.maxDistanceKm(250), Filter.of(Filter.MIN_ATS)),
        d.scores(), d.rates()));
    sets.add(new RuleSet("no transfers", 1, Shortage.SHIP_AVAILABLE, false, dFilters, d.scores(), d.rates()));
    sets.add(new RuleSet("distance first", 2, Shortage.BACKORDER, true,
        List.of(Filter.of(Filter.STORE_CAPACITY), Filter.maxDistanceKm(900), Filter.excludeLocations(someIds)),
        List.of(new Score(Score.DISTANCE, 1.0), new Score(Score.OVERSTOCK, 0.3),
            new Score(Score.LOCATION_PRIORITY, 0.2), new Score(Score.SPLIT_PENALTY, 0.1)),
        new Rates(2, 0.02, 1)));
    sets.add(new RuleSet("bare", 1, Shortage.BACKORDER, true, List.of(), List.of(), RuleSet.DEFAULT_RATES));
    sets.add(new RuleSet("overstock", 3, Shortage.REJECT, true, List.of(Filter.of(Filter.MIN_ATS)),
        List.of(new Score(Score.OVERSTOCK, 1.0), new Score(Score.SHIPPING_COST, 0.5)), RuleSet.DEFAULT_RATES));
    return sets;
  }

  /** One golden order: the rule set, the request and the network it is planned on (against {@link #stock}). */
  public record Case(RuleSet rules, SourcingRequest request, Network network) {

    public Plan plan() {
      return Sourcer.plan(rules, request, stock, network);
    }
  }

  /** The {@value #ORDERS} seeded orders, after {@link #load}. */
  public static List<Case> cases() {
    List<RuleSet> sets = ruleSets();
    SplittableRandom rng = new SplittableRandom(20240611L);
    List<Location> stores = locations.stream().filter(l -> l.type() == LocationType.STORE).toList();
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      Location near = locations.get(rng.nextInt(locations.size()));
      GeoPoint to = rng.nextInt(40) == 0 ? null
          : new GeoPoint(near.lat() + rng.nextDouble(-0.3, 0.3), near.lon() + rng.nextDouble(-0.3, 0.3));
      List<LineRequest> lines = new ArrayList<>();
      int count = 1 + rng.nextInt(3);
      for (int l = 1; l <= count; l++) {
        String sku = rng.nextInt(3) == 0 ? hotSkus.get(rng.nextInt(hotSkus.size()))
            : skus.get(rng.nextInt(skus.size()));
        long qty = rng.nextInt(30) == 0 ? 0 : 1 + rng.nextInt(3);
        if (rng.nextInt(3) == 0) {
          int pick = rng.nextInt(20);
          String store = pick == 0 ? "NO-SUCH-STORE" : pick == 1 ? locations.get(locations.size() - 1).id() // a DC
              : stores.get(rng.nextInt(stores.size())).id();
          lines.add(LineRequest.pickup(l, sku, qty, store));
        } else {
          lines.add(LineRequest.ship(l, sku, qty, rng.nextDouble(0, 4)));
        }
      }
      Network net = rng.nextInt(8) == 0 ? other : main;
      cases.add(new Case(sets.get(i % sets.size()), new SourcingRequest(to, lines), net));
    }
    return cases;
  }
}
