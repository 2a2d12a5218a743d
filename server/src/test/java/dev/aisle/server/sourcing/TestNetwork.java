package dev.aisle.server.sourcing;

import dev.aisle.api.Address;
import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.api.LocationType;
import dev.aisle.server.inventory.SkuStock;
import dev.aisle.server.network.GeoPoint;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A hand-made network around a customer in Boston: locations placed due north at exact distances. */
final class TestNetwork implements Network {

  static final GeoPoint CUSTOMER = new GeoPoint(42.0, -71.0);
  static final Set<Capability> ALL = Set.of(Capability.SHIP, Capability.PICKUP, Capability.SHIP_TO_STORE);

  private final Map<String, Location> byId = new LinkedHashMap<>();
  private final Map<String, Long> capacityLeft = new HashMap<>();
  private final Map<String, Map<String, Long>> stock = new HashMap<>();

  /** A store {@code km} north of the customer, 200 orders a day, priority 0. */
  TestNetwork store(String id, String name, double km, Set<Capability> caps) {
    return add(new Location(id, LocationType.STORE, name, CUSTOMER.lat() + degrees(km), CUSTOMER.lon(),
        new Address("1 Main St", "Town", "MA", "02101", "US"), caps, Map.of(), "America/New_York", 200, 0, true));
  }

  TestNetwork store(String id, String name, double km) {
    return store(id, name, km, ALL);
  }

  TestNetwork dc(String id, String name, double km) {
    return add(new Location(id, LocationType.DC, name, CUSTOMER.lat() + degrees(km), CUSTOMER.lon(),
        new Address("1 Freight Dr", "Town", "MA", "02101", "US"), Set.of(Capability.SHIP), Map.of(),
        "America/New_York", 20_000, 10, true));
  }

  TestNetwork add(Location l) {
    byId.put(l.id(), l);
    return this;
  }

  TestNetwork inactive(String id) {
    Location l = byId.get(id);
    return add(new Location(l.id(), l.type(), l.name(), l.lat(), l.lon(), l.address(), l.capabilities(),
        l.openingHours(), l.timezone(), l.capacityPerDay(), l.priority(), false));
  }

  TestNetwork capacityLeft(String id, long left) {
    capacityLeft.put(id, left);
    return this;
  }

  TestNetwork stock(String sku, String locationId, long available) {
    stock.computeIfAbsent(sku, k -> new HashMap<>()).put(locationId, available);
    return this;
  }

  Map<String, SkuStock> stock() {
    Map<String, SkuStock> map = new HashMap<>();
    stock.forEach((sku, byLoc) -> map.put(sku, SkuStock.ofAvailable(sku, byLoc)));
    return map;
  }

  Plan plan(RuleSet rules, LineRequest... lines) {
    return Sourcer.plan(rules, new SourcingRequest(CUSTOMER, java.util.List.of(lines)), stock(), this);
  }

  static double degrees(double km) {
    return km / (GeoPoint.EARTH_RADIUS_KM * Math.PI / 180);
  }

  @Override
  public Collection<Location> locations() {
    return byId.values();
  }

  @Override
  public Location get(String id) {
    return byId.get(id);
  }

  @Override
  public long capacityLeftToday(Location location) {
    return capacityLeft.getOrDefault(location.id(), 100L);
  }
}
