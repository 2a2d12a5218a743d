package dev.aisle.server.sourcing;

import dev.aisle.api.Location;
import dev.aisle.server.demo.DemoData;
import dev.aisle.server.demo.DemoNetwork;
import dev.aisle.server.inventory.SkuStock;
import dev.aisle.server.inventory.StockRow;
import dev.aisle.server.network.GeoPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default rules on the seeded demo network (~200 US stores, 3 DCs): do they pick what a person would? */
class DemoNetworkSourcingTest {

  static List<Location> locations;
  static Map<String, SkuStock> stock = new HashMap<>();
  static List<String> skus = new ArrayList<>();
  static final TestNetwork NETWORK = new TestNetwork();

  @BeforeAll
  static void load() throws Exception {
    DemoData data = DemoNetwork.generate(42, Path.of("config"));
    locations = data.locations();
    locations.forEach(l -> NETWORK.add(l).capacityLeft(l.id(), 50));
    Map<String, Map<String, Long>> bySku = new HashMap<>();
    for (StockRow r : data.stock()) {
      long available = Math.max(0, r.onHand() - r.safetyStock());
      bySku.computeIfAbsent(r.sku(), k -> new HashMap<>()).put(r.locationId(), available);
    }
    bySku.forEach((sku, m) -> stock.put(sku, SkuStock.ofAvailable(sku, m)));
    skus.addAll(bySku.keySet().stream().sorted().toList());
  }

  private static List<SourcingRequest> orders(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<SourcingRequest> orders = new ArrayList<>();
    List<Location> stores = locations.stream().filter(l -> l.type() == dev.aisle.api.LocationType.STORE).toList();
    for (int i = 0; i < n; i++) {
      Location near = stores.get(rng.nextInt(stores.size()));
      GeoPoint to = new GeoPoint(near.lat() + rng.nextDouble(-0.2, 0.2), near.lon() + rng.nextDouble(-0.2, 0.2));
      List<LineRequest> lines = new ArrayList<>();
      int count = 1 + rng.nextInt(3);
      for (int l = 1; l <= count; l++) {
        lines.add(LineRequest.ship(l, skus.get(rng.nextInt(skus.size())), 1 + rng.nextInt(2), 0.5 + rng.nextDouble(3)));
      }
      orders.add(new SourcingRequest(to, lines));
    }
    return orders;
  }

  @Test
  @DisplayName("With the default rules the nearest location with stock wins most single-line orders")
  void nearestUsuallyWins() {
    int nearest = 0;
    int within50 = 0;
    int placed = 0;
    for (SourcingRequest order : orders(2_000, 7)) {
      SourcingRequest one = new SourcingRequest(order.shipTo(), order.lines().subList(0, 1));
      Plan plan = Sourcer.plan(RuleSet.defaults(), one, stock, NETWORK);
      if (!plan.accepted()) {
        continue;
      }
      placed++;
      Allocation a = plan.allocations().get(0);
      double best = Double.MAX_VALUE;
      for (Decision.Candidate c : plan.decision().lines().get(0).candidates()) {
        if (c.passed()) {
          best = Math.min(best, c.distanceKm());
        }
      }
      nearest += a.distanceKm() <= best ? 1 : 0;
      within50 += a.distanceKm() <= best + 50 ? 1 : 0;
    }
    System.out.printf("demo network, default rules: %d placed, nearest won %d (%.1f%%), within 50 km of it %d%n",
        placed, nearest, 100.0 * nearest / placed, within50);
    assertTrue(nearest >= placed * 0.8, nearest + " of " + placed);
    assertTrue(within50 >= placed * 0.98, within50 + " of " + placed);
  }
}
