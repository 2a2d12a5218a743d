package dev.aisle.server.demo;

import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.api.LocationType;
import dev.aisle.api.Product;
import dev.aisle.server.inventory.StockRow;
import dev.aisle.server.network.GeoPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoNetworkTest {

  static final Path CONFIG = Path.of("config");
  static DemoData data;

  @BeforeAll
  static void generate() throws IOException {
    long t0 = System.nanoTime();
    data = DemoNetwork.generate(42, CONFIG);
    System.out.printf("DemoNetwork.generate: %d products, %d locations, %d stock rows in %d ms%n",
        data.products().size(), data.locations().size(), data.stock().size(), (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void sameSeedSameNetworkOtherSeedOtherNetwork() throws IOException {
    DemoData again = DemoNetwork.generate(42, CONFIG);
    assertEquals(data, again);
    DemoData other = DemoNetwork.generate(43, CONFIG);
    assertNotEquals(data.locations(), other.locations());
    assertNotEquals(data.products(), other.products());
    assertNotEquals(data.stock(), other.stock());
  }

  @Test
  void about200StoresAndThreeDcs() {
    List<Location> stores = byType(LocationType.STORE);
    List<Location> dcs = byType(LocationType.DC);
    assertTrue(stores.size() >= 190 && stores.size() <= 210, "stores " + stores.size());
    assertEquals("S001", stores.get(0).id());
    assertEquals(Set.of("DC-EAST", "DC-CENTRAL", "DC-WEST"), dcs.stream().map(Location::id).collect(Collectors.toSet()));
    assertEquals(data.locations().size(), data.locations().stream().map(Location::id).distinct().count());
    assertEquals(stores.size(), stores.stream().map(l -> l.address().postalCode()).distinct().count(), "distinct ZCTAs");
    for (Location dc : dcs) {
      assertEquals(Set.of(Capability.SHIP), dc.capabilities());
      assertEquals(20_000, dc.capacityPerDay());
      assertEquals(10, dc.priority());
      assertTrue(dc.openingHours().values().stream().allMatch("00:00-24:00"::equals));
    }
    assertNear(dcs, "DC-EAST", 39.96, -83.00, 60);      // Columbus OH
    assertNear(dcs, "DC-CENTRAL", 32.90, -97.04, 60);   // DFW
    assertNear(dcs, "DC-WEST", 39.53, -119.81, 60);     // Reno
  }

  @Test
  void storesLookReal() {
    List<Location> stores = byType(LocationType.STORE);
    long shipping = stores.stream().filter(s -> s.capabilities().contains(Capability.SHIP)).count();
    double shipShare = (double) shipping / stores.size();
    assertTrue(shipShare > 0.7 && shipShare < 0.95, "ship share " + shipShare);
    Set<String> zones = new HashSet<>();
    for (Location s : stores) {
      assertTrue(s.id().matches("S\\d{3}"), s.id());
      assertTrue(s.name().startsWith("Aisle " + s.address().city() + " " + s.address().region()), s.name());
      assertTrue(s.capabilities().contains(Capability.PICKUP));
      assertEquals(Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), s.openingHours().keySet());
      s.openingHours().values().forEach(h -> assertTrue(h.equals("closed") || h.matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d"), h));
      assertTrue(s.capacityPerDay() >= 80 && s.capacityPerDay() <= 400);
      assertTrue(s.priority() >= 0 && s.priority() <= 5);
      assertTrue(s.address().postalCode().matches("\\d{5}"));
      assertEquals("US", s.address().country());
      ZoneId.of(s.timezone());
      zones.add(s.timezone());
      assertTrue(s.active());
    }
    assertTrue(zones.containsAll(List.of("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
        "America/Los_Angeles", "Pacific/Honolulu", "America/Anchorage")), zones.toString());
  }

  @Test
  void bigMetrosHaveSeveralPickupStoresWithin50Km() {
    Map<String, GeoPoint> metros = Map.of(
        "New York", new GeoPoint(40.7128, -74.0060),
        "Los Angeles", new GeoPoint(34.0522, -118.2437),
        "Chicago", new GeoPoint(41.8781, -87.6298),
        "Houston", new GeoPoint(29.7604, -95.3698),
        "Boston", new GeoPoint(42.3601, -71.0589),
        "Cambridge MA 02139", new GeoPoint(42.36239, -71.10234));
    metros.forEach((name, centre) -> {
      long near = byType(LocationType.STORE).stream()
          .filter(s -> s.can(Capability.PICKUP))
          .filter(s -> centre.distanceKm(new GeoPoint(s.lat(), s.lon())) <= 50)
          .count();
      assertTrue(near >= 3, name + " has only " + near + " pickup stores within 50 km");
    });
  }

  @Test
  void fiveThousandProductsWithValidUniqueUpcs() {
    List<Product> products = data.products();
    assertEquals(5_000, products.size());
    assertEquals("SKU-00001", products.get(0).sku());
    assertEquals("SKU-05000", products.get(4_999).sku());
    Set<String> upcs = new HashSet<>();
    for (Product p : products) {
      assertTrue(DemoNetwork.isValidUpc(p.upc()), p.sku() + " " + p.upc());
      assertTrue(upcs.add(p.upc()), "duplicate UPC " + p.upc());
      assertTrue(p.priceCents() >= 99 && p.priceCents() <= 49_999, p.toString());
      assertTrue(p.weightGrams() > 0, p.toString());
      assertEquals("USD", p.currency());
      assertTrue(p.active());
      assertTrue(p.name().split(" ").length >= 3, p.name());
    }
    assertTrue(DemoNetwork.isValidUpc("036000291452"));  // a real one
    assertTrue(!DemoNetwork.isValidUpc("036000291453"));
    long[] prices = products.stream().mapToLong(Product::priceCents).sorted().toArray();
    assertTrue(prices[prices.length / 2] < 3_000, "median price " + prices[prices.length / 2]);
    assertTrue(products.stream().map(Product::category).distinct().count() >= 10);
    assertTrue(products.stream().map(Product::name).distinct().count() > 4_900);
  }

  @Test
  void stockIsSkewedAsSpecified() {
    Map<String, Location> locations = data.locations().stream()
        .collect(Collectors.toMap(Location::id, Function.identity()));
    Set<String> skus = data.products().stream().map(Product::sku).collect(Collectors.toSet());
    Set<String> positions = new HashSet<>();
    long storeRows = 0;
    long zero = 0;
    long small = 0;
    long medium = 0;
    long over = 0;
    long dcRows = 0;
    for (StockRow r : data.stock()) {
      assertTrue(positions.add(r.sku() + "@" + r.locationId()), "duplicate position");
      assertTrue(skus.contains(r.sku()));
      Location l = locations.get(r.locationId());
      assertEquals(0, r.feedSeq());
      assertEquals(1, r.version());
      if (l.type() == LocationType.DC) {
        dcRows++;
        assertEquals(0, r.safetyStock());
        assertTrue(r.onHand() >= 50 && r.onHand() <= 5_000);
        continue;
      }
      assertTrue(r.safetyStock() >= 0 && r.safetyStock() <= 2);
      if (DemoNetwork.DOORBUSTERS.contains(r.sku())) {
        assertTrue(r.onHand() >= 1 && r.onHand() <= 5);
        continue;
      }
      storeRows++;
      long q = r.onHand();
      if (q == 0) {
        zero++;
      } else if (q <= 12) {
        small++;
      } else if (q <= 40) {
        medium++;
      } else {
        assertTrue(q >= 100 && q <= 600, "on hand " + q);
        over++;
      }
    }
    long storeCount = locations.values().stream().filter(l -> l.type() == LocationType.STORE).count();
    double assortment = (double) storeRows / (storeCount * (skus.size() - DemoNetwork.DOORBUSTERS.size()));
    assertEquals(0.40, assortment, 0.03, "assortment");
    assertEquals(0.10, (double) zero / storeRows, 0.02, "zero");
    assertEquals(0.70, (double) small / storeRows, 0.03, "1..12");
    assertEquals(0.15, (double) medium / storeRows, 0.02, "13..40");
    assertEquals(0.05, (double) over / storeRows, 0.01, "overstock");
    assertTrue(dcRows > 3 * 0.95 * skus.size(), "DCs carry almost everything: " + dcRows);
    for (String sku : DemoNetwork.DOORBUSTERS) {
      assertEquals(locations.size(), data.stock().stream().filter(r -> r.sku().equals(sku)).count(), sku);
    }
  }

  private static List<Location> byType(LocationType type) {
    return data.locations().stream().filter(l -> l.type() == type).toList();
  }

  private static void assertNear(List<Location> ls, String id, double lat, double lon, double km) {
    Location l = ls.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    double d = GeoPoint.distanceKm(lat, lon, l.lat(), l.lon());
    assertTrue(d <= km, id + " is " + d + " km away");
  }
}
