package dev.aisle.server.orders;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.aisle.api.Location;
import dev.aisle.server.network.LocationDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How many orders each location has taken today (UTC day), for the store-capacity filter. The counts live in a
 * Hazelcast map ({@value #MAP}, keyed {@code location/date}, incremented by entry processor after each commit); each
 * node reads a local copy refreshed every second, and bumps it at once for its own orders. A cold cluster starts the
 * counts from today's allocations in PostgreSQL.
 */
final class CapacityLedger {

  static final String MAP = "aisle.capacity";
  private static final Logger log = LoggerFactory.getLogger(CapacityLedger.class);

  private final Vertx vertx;
  private final IMap<String, Long> map;
  private final LocationDirectory directory;
  private final Map<String, Long> local = new ConcurrentHashMap<>();
  private volatile String day = today();

  CapacityLedger(Vertx vertx, HazelcastInstance hazelcast, LocationDirectory directory) {
    this.vertx = vertx;
    this.map = hazelcast.getMap(MAP);
    this.directory = directory;
  }

  Future<Void> start(Pool pool) {
    return pool.query(OrderSql.ORDERS_PER_LOCATION_TODAY).execute().compose(rows -> {
      String d = today();
      Map<String, Long> counts = new HashMap<>();
      for (Row r : rows) {
        counts.put(r.getString(0) + "/" + d, r.getLong(1));
      }
      return vertx.executeBlocking(() -> {
        counts.forEach((k, v) -> map.putIfAbsent(k, v, 2, TimeUnit.DAYS));
        return null;
      }, false);
    }).compose(v -> refresh()).onSuccess(v -> vertx.setPeriodic(1_000, 1_000,
        id -> refresh().onFailure(e -> log.warn("refreshing store capacity: {}", e.toString())))).mapEmpty();
  }

  /** Orders the location has taken today. */
  long used(String locationId) {
    return local.getOrDefault(locationId, 0L);
  }

  long left(Location location) {
    return location.capacityPerDay() - used(location.id());
  }

  /** Counts one more order at each of these locations. */
  void taken(Set<String> locationIds) {
    String d = day;
    for (String id : locationIds) {
      local.merge(id, 1L, Long::sum);
      map.submitToKey(id + "/" + d, new Increment());
    }
  }

  private Future<Void> refresh() {
    String d = today();
    Set<String> keys = new HashSet<>();
    for (Location l : directory.all()) {
      keys.add(l.id() + "/" + d);
    }
    return vertx.executeBlocking(() -> map.getAll(keys), false).map(values -> {
      if (!d.equals(day)) {
        day = d;
        local.clear();
      }
      values.forEach((k, v) -> local.put(k.substring(0, k.lastIndexOf('/')), v));
      return null;
    });
  }

  private static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }

  /** Adds one, creating the count (kept two days) when it is the location's first order today. */
  static final class Increment implements EntryProcessor<String, Long, Long> {
    @Override
    public Long process(Map.Entry<String, Long> entry) {
      long next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
      entry.setValue(next);
      return next;
    }
  }
}
