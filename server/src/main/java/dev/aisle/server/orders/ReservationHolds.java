package dev.aisle.server.orders;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.aisle.server.inventory.InventoryPool;
import dev.aisle.server.platform.HzFutures;
import dev.aisle.server.sourcing.Allocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reservations taken for orders that are not durable yet, in a Hazelcast map ({@value #MAP}, one backup) so that
 * they outlive the node that took them. Capture records a hold before reserving and drops it after the commit (or
 * after releasing). If the node dies in between, the hold stays: every node sweeps the holds it owns, and one older
 * than the bound is released in the pool, unless its order did reach PostgreSQL (then only the hold goes).
 */
final class ReservationHolds {

  static final String MAP = "aisle.reservation-holds";
  private static final Logger log = LoggerFactory.getLogger(ReservationHolds.class);

  /** What one order holds: parallel arrays of (sku, location, quantity); compact-serialized (zero-config). */
  record Hold(String orderId, long createdAt, String[] skus, String[] locations, long[] quantities) {

    static Hold of(UUID orderId, List<Allocation> allocations) {
      int n = allocations.size();
      String[] skus = new String[n];
      String[] locations = new String[n];
      long[] quantities = new long[n];
      for (int i = 0; i < n; i++) {
        Allocation a = allocations.get(i);
        skus[i] = a.sku();
        locations[i] = a.locationId();
        quantities[i] = a.quantity();
      }
      return new Hold(orderId.toString(), System.currentTimeMillis(), skus, locations, quantities);
    }
  }

  private final Vertx vertx;
  private final IMap<String, Hold> map;
  private final InventoryPool inventory;
  private final long boundMillis;

  ReservationHolds(Vertx vertx, HazelcastInstance hazelcast, InventoryPool inventory, long boundMillis) {
    this.vertx = vertx;
    this.map = hazelcast.getMap(MAP);
    this.inventory = inventory;
    this.boundMillis = boundMillis;
  }

  Future<Void> put(Hold hold) {
    return HzFutures.bridge(vertx, map.setAsync(hold.orderId(), hold));
  }

  Future<Void> remove(UUID orderId) {
    return HzFutures.bridge(vertx, map.removeAsync(orderId.toString())).mapEmpty();
  }

  /** Sweeps the holds this member owns every quarter of the bound (at least every second). */
  void start(Pool pool) {
    long every = Math.max(250, Math.min(1_000, boundMillis / 4));
    vertx.setPeriodic(every, every, id -> sweep(pool).onFailure(e -> log.warn("sweeping holds: {}", e.toString())));
  }

  /** Releases the expired holds of this member; answers how many reservations it released. */
  Future<Integer> sweep(Pool pool) {
    long cutoff = System.currentTimeMillis() - boundMillis;
    return vertx.executeBlocking(() -> {
      List<Hold> expired = new ArrayList<>();
      for (String key : map.localKeySet()) {
        Hold h = map.get(key);
        if (h != null && h.createdAt() < cutoff) {
          expired.add(h);
        }
      }
      return expired;
    }, false).compose(expired -> {
      if (expired.isEmpty()) {
        return Future.succeededFuture(0);
      }
      UUID[] ids = expired.stream().map(h -> UUID.fromString(h.orderId())).toArray(UUID[]::new);
      return pool.preparedQuery(OrderSql.ORDERS_EXIST).execute(Tuple.tuple().addArrayOfUUID(ids)).compose(rows -> {
        Set<String> durable = new HashSet<>();
        for (Row r : rows) {
          durable.add(r.getUUID(0).toString());
        }
        List<Future<Integer>> done = new ArrayList<>();
        for (Hold h : expired) {
          done.add(settle(h, durable.contains(h.orderId())));
        }
        return Future.all(done).map(all -> {
          int released = 0;
          for (int i = 0; i < all.size(); i++) {
            released += all.<Integer>resultAt(i);
          }
          return released;
        });
      });
    });
  }

  /** Only the one who removes the exact hold releases it, so two sweepers never release twice. */
  private Future<Integer> settle(Hold hold, boolean durable) {
    return vertx.executeBlocking(() -> map.remove(hold.orderId(), hold), false).compose(removed -> {
      if (!removed || durable) {
        return Future.succeededFuture(0);
      }
      log.warn("releasing the reservations of order {}: it was never written (its node stopped before the commit)",
          hold.orderId());
      return release(inventory, hold.skus(), hold.locations(), hold.quantities()).map(hold.skus().length);
    });
  }

  /** Gives reserved quantities back to the pool, one entry processor per SKU. */
  static Future<Void> release(InventoryPool inventory, String[] skus, String[] locations, long[] quantities) {
    Map<String, List<Integer>> bySku = new HashMap<>();
    for (int i = 0; i < skus.length; i++) {
      bySku.computeIfAbsent(skus[i], k -> new ArrayList<>()).add(i);
    }
    List<Future<?>> releases = new ArrayList<>();
    bySku.forEach((sku, idx) -> {
      String[] locs = new String[idx.size()];
      long[] qty = new long[idx.size()];
      for (int k = 0; k < idx.size(); k++) {
        locs[k] = locations[idx.get(k)];
        qty[k] = -quantities[idx.get(k)];
      }
      releases.add(inventory.reserve(sku, locs, qty));
    });
    return Future.all(releases).mapEmpty();
  }
}
