package dev.aisle.server.orders;

import dev.aisle.api.Location;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many orders each location has taken today (UTC day), for the store-capacity filter. Each node counts its own
 * orders at once and tells the others every second on the clustered event bus ({@value #TAKEN}); a node starting
 * up begins from today's allocations in PostgreSQL. The counts are a soft limit: a store may go a few orders over
 * when several nodes fill it within the same second. (A Hazelcast map polled with {@code getAll} every second cost
 * 12 % of the CPU under load: every partition thread hashes every key.)
 */
final class CapacityLedger {

  static final String TAKEN = "aisle.orders.capacity-taken";

  private final Vertx vertx;
  private final String node = UUID.randomUUID().toString();
  private final Map<String, Long> counts = new ConcurrentHashMap<>();
  private final Map<String, Long> unsent = new ConcurrentHashMap<>();
  private volatile String day = today();
  private volatile long dayNumber = System.currentTimeMillis() / DAY_MILLIS;
  private static final long DAY_MILLIS = 86_400_000L;

  CapacityLedger(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Void> start(Pool pool) {
    vertx.eventBus().<JsonObject>consumer(TAKEN, m -> {
      JsonObject body = m.body();
      if (!node.equals(body.getString("node")) && rollOver().equals(body.getString("day"))) {
        body.getJsonObject("taken").forEach(e -> counts.merge(e.getKey(), ((Number) e.getValue()).longValue(),
            Long::sum));
      }
    });
    return pool.query(OrderSql.ORDERS_PER_LOCATION_TODAY).execute().map(rows -> {
      for (Row r : rows) {
        counts.merge(r.getString(0), r.getLong(1), Long::sum);
      }
      vertx.setPeriodic(1_000, 1_000, id -> publish());
      return null;
    });
  }

  /** Orders the location has taken today. */
  long used(String locationId) {
    rollOver();
    return counts.getOrDefault(locationId, 0L);
  }

  long left(Location location) {
    return location.capacityPerDay() - used(location.id());
  }

  /** Counts one more order at each of these locations. */
  void taken(Set<String> locationIds) {
    rollOver();
    for (String id : locationIds) {
      counts.merge(id, 1L, Long::sum);
      unsent.merge(id, 1L, Long::sum);
    }
  }

  private void publish() {
    if (unsent.isEmpty()) {
      return;
    }
    Map<String, Object> taken = new HashMap<>();
    for (String id : Set.copyOf(unsent.keySet())) {
      Long n = unsent.remove(id);
      if (n != null) {
        taken.put(id, n);
      }
    }
    vertx.eventBus().publish(TAKEN, new JsonObject().put("node", node).put("day", day).put("taken", taken));
  }

  /** A new UTC day starts every count at zero. */
  private String rollOver() {
    long n = System.currentTimeMillis() / DAY_MILLIS;
    if (n != dayNumber) {
      dayNumber = n;
      day = today();
      counts.clear();
      unsent.clear();
    }
    return day;
  }

  private static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }
}
