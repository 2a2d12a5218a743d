package dev.aisle.server.network;

import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every store and distribution center, in memory on every node (a network has hundreds or a few thousand), so
 * nearest-store lookups need no database. Changes are written to PostgreSQL first and published on
 * {@value #CHANGED}. Readers get an immutable snapshot that is swapped whole.
 */
public final class LocationDirectory {

  public static final String CHANGED = "aisle.network.location-changed";

  /** A location and its distance from the point asked about. */
  public record Nearby(Location location, double distanceKm) {}

  private final PgLocationStore store;
  private volatile Snapshot snapshot = new Snapshot(new TreeMap<>());

  public LocationDirectory(PgLocationStore store) {
    this.store = store;
  }

  public Future<Void> start(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(CHANGED, msg -> put(msg.body().mapTo(Location.class)));
    return reload();
  }

  public Future<Void> reload() {
    return store.all().map(all -> {
      TreeMap<String, Location> byId = new TreeMap<>();
      all.forEach(l -> byId.put(l.id(), l));
      snapshot = new Snapshot(byId);
      return null;
    });
  }

  public Location get(String id) {
    return snapshot.byId.get(id);
  }

  public boolean contains(String id) {
    return snapshot.byId.containsKey(id);
  }

  /** Every location in id order. */
  public List<Location> all() {
    return snapshot.list;
  }

  /** Active locations that can do {@code capability}. */
  public List<Location> with(Capability capability) {
    return capability == Capability.PICKUP ? snapshot.pickup
        : snapshot.list.stream().filter(l -> l.can(capability)).toList();
  }

  /** Active pickup stores within {@code radiusKm} of the point, nearest first, at most {@code limit}. */
  public List<Nearby> nearestPickup(double lat, double lon, double radiusKm, int limit) {
    List<Nearby> found = new ArrayList<>();
    for (Location l : snapshot.pickup) {
      double d = GeoPoint.distanceKm(lat, lon, l.lat(), l.lon());
      if (d <= radiusKm) {
        found.add(new Nearby(l, d));
      }
    }
    found.sort(Comparator.comparingDouble(Nearby::distanceKm).thenComparing(n -> n.location().id()));
    return found.size() > limit ? found.subList(0, limit) : found;
  }

  /** Writes the location, then tells every node. True when it was created. */
  public Future<Boolean> save(Vertx vertx, Location location) {
    return store.upsert(location).onSuccess(created -> {
      put(location);
      vertx.eventBus().publish(CHANGED, JsonObject.mapFrom(location));
    });
  }

  private synchronized void put(Location l) {
    TreeMap<String, Location> byId = new TreeMap<>(snapshot.byId);
    byId.put(l.id(), l);
    snapshot = new Snapshot(byId);
  }

  private static final class Snapshot {
    final Map<String, Location> byId;
    final List<Location> list;
    final List<Location> pickup;

    Snapshot(TreeMap<String, Location> byId) {
      this.byId = new java.util.HashMap<>(byId);
      this.list = List.copyOf(byId.values());
      this.pickup = list.stream().filter(l -> l.can(Capability.PICKUP)).toList();
    }
  }
}
