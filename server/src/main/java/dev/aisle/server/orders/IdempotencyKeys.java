package dev.aisle.server.orders;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.aisle.server.inventory.InventoryPool;
import dev.aisle.server.platform.HzFutures;
import dev.aisle.server.platform.Uuids;
import dev.aisle.server.sourcing.Allocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Idempotency keys of order capture, cluster-wide in a Hazelcast map ({@value #MAP}, one backup). The key's entry
 * is also where an order in flight records the stock it holds, so claiming a key and recording the hold is one
 * operation, and completing the key drops the hold:
 * <ol>
 *   <li>capture plans the order, then claims the key with the planned reservations (the hold);</li>
 *   <li>it reserves, writes the order, and completes the key with the order id (the hold goes);</li>
 *   <li>if its node dies in between, the entry stays in flight with its hold: every member sweeps the entries it
 *       owns, and one in flight for longer than the bound is settled: if its order reached PostgreSQL the key is
 *       completed, otherwise the held stock goes back to the pool and the key is freed.</li>
 * </ol>
 * A retry with the same key gets the order it created. Completed keys are small (the order id) and are kept for the
 * configured time; beyond the size limit the least recently used are evicted (config/hazelcast.xml). PostgreSQL's
 * unique (channel, idempotency key) is the durable backstop: an evicted or pre-restart key still finds its order.
 */
final class IdempotencyKeys {

  static final String MAP = "aisle.idempotency-keys";
  private static final long PRUNE_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(5);
  private static final int PRUNE_BATCH = 10_000;
  private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

  /**
   * {@code status} 0 while the first request is in flight (since {@code at}, epoch millis), holding
   * {@code quantities} of {@code skus} at {@code locations}; else the HTTP status it ended with. A plain record:
   * Hazelcast serializes it as compact (zero-config).
   */
  record Entry(String bodyHash, int status, String orderId, long at, String[] skus, String[] locations,
               long[] quantities) {

    static Entry inFlight(String bodyHash, UUID orderId, long at, List<Allocation> hold) {
      int n = hold.size();
      String[] skus = new String[n];
      String[] locations = new String[n];
      long[] quantities = new long[n];
      for (int i = 0; i < n; i++) {
        Allocation a = hold.get(i);
        skus[i] = a.sku();
        locations[i] = a.locationId();
        quantities[i] = a.quantity();
      }
      return new Entry(bodyHash, 0, orderId.toString(), at, skus, locations, quantities);
    }

    static Entry done(String bodyHash, int status, String orderId) {
      return new Entry(bodyHash, status, orderId, System.currentTimeMillis(), new String[0], new String[0],
          new long[0]);
    }

    boolean inFlight() {
      return status == 0;
    }

    boolean holdsStock() {
      return skus.length > 0;
    }
  }

  private final Vertx vertx;
  private final IMap<String, Entry> map;
  private final InventoryPool inventory;
  private final long ttlSeconds;
  private final long boundMillis;
  private final long sweepEveryMillis;
  /** Keys whose writes ended with an unknown outcome on this node, with their order ids. */
  private final Map<String, String> unknown = new java.util.concurrent.ConcurrentHashMap<>();

  IdempotencyKeys(Vertx vertx, HazelcastInstance hazelcast, InventoryPool inventory, long ttlSeconds,
                  long boundMillis) {
    this.vertx = vertx;
    this.map = hazelcast.getMap(MAP);
    this.inventory = inventory;
    this.ttlSeconds = ttlSeconds;
    this.boundMillis = boundMillis;
    this.sweepEveryMillis = Math.max(250, Math.min(1_000, boundMillis / 4));
  }

  static String key(String channel, String idempotencyKey) {
    return channel + '\u0000' + idempotencyKey;
  }

  static String hash(Buffer body) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the key holds (in flight or done), null when nothing. */
  Future<Entry> get(String key) {
    return HzFutures.bridge(vertx, map.getAsync(key));
  }

  /** Claims the key for an order holding {@code hold}; answers null when claimed, else what the key holds. */
  Future<Entry> claim(String key, String bodyHash, UUID orderId, List<Allocation> hold) {
    return claim(key, Entry.inFlight(bodyHash, orderId, System.currentTimeMillis(), hold));
  }

  /** Claims with a prepared entry (tests use an old {@code at} to act out a crash). */
  Future<Entry> claim(String key, Entry entry) {
    return HzFutures.bridge(vertx, map.submitToKey(key, new Claim(entry, ttlSeconds)));
  }

  /** Replaces the hold of a key in flight (after planning again on fresh stock). */
  Future<Void> hold(String key, String bodyHash, UUID orderId, List<Allocation> hold) {
    return HzFutures.bridge(vertx, map.setAsync(key, Entry.inFlight(bodyHash, orderId, System.currentTimeMillis(),
        hold), ttlSeconds, TimeUnit.SECONDS));
  }

  /** Remembers the order the key created; the hold goes with it. */
  Future<Void> complete(String key, String bodyHash, int status, String orderId) {
    return HzFutures.bridge(vertx, map.setAsync(key, Entry.done(bodyHash, status, orderId), ttlSeconds,
        TimeUnit.SECONDS));
  }

  /**
   * Frees a key whose request was refused or failed (its stock already released), so a retry may try again; only
   * while the key is still this order's claim (the sweeper may have settled it, and a retry claimed it anew).
   */
  Future<Void> forget(String key, UUID orderId) {
    return HzFutures.bridge(vertx, map.submitToKey(key, new Forget(orderId.toString())));
  }

  /** Removes the entry when it is the in-flight claim of the given order. */
  static final class Forget implements EntryProcessor<String, Entry, Void> {
    private final String orderId;

    Forget(String orderId) {
      this.orderId = orderId;
    }

    @Override
    public Void process(Map.Entry<String, Entry> entry) {
      Entry current = entry.getValue();
      if (current != null && current.inFlight() && current.orderId().equals(orderId)) {
        entry.setValue(null);
      }
      return null;
    }
  }

  /**
   * The order of {@code key} (in flight, holding stock) was sent to PostgreSQL and its write failed with no answer:
   * the next sweeps settle it as soon as PostgreSQL can say whether it committed, without waiting for the bound.
   */
  void settleLater(String key, UUID orderId) {
    unknown.put(key, orderId.toString());
  }

  /**
   * Sweeps the keys this member owns every quarter of the bound (at least every second), and every few minutes
   * forgets the fates of orders older than {@link #fateRetentionMillis}.
   */
  void start(Pool pool) {
    vertx.setPeriodic(sweepEveryMillis, sweepEveryMillis,
        id -> sweep(pool).onFailure(e -> log.warn("sweeping holds: {}", e.toString())));
    vertx.setPeriodic(PRUNE_EVERY_MILLIS, PRUNE_EVERY_MILLIS, id -> pruneFates(pool, fateRetentionMillis())
        .onFailure(e -> log.warn("forgetting old order fates: {}", e.toString())));
  }

  /**
   * How long an order's fate is kept: a fate decides only while the order's write may still be in flight (the
   * writer sends nothing older than half the bound) or its hold may still be swept (from the bound on), so an hour,
   * or sixty bounds when that is longer, leaves a wide margin.
   */
  long fateRetentionMillis() {
    return Math.max(TimeUnit.HOURS.toMillis(1), 60 * boundMillis);
  }

  /**
   * Forgets the fates of orders made more than {@code olderThanMillis} ago, a bounded batch per statement (without
   * it order_fates grows by one row per order, forever); answers how many went. Several members pruning at once
   * only wait on each other's rows.
   */
  Future<Integer> pruneFates(Pool pool, long olderThanMillis) {
    Tuple params = Tuple.of(Uuids.v7Floor(System.currentTimeMillis() - olderThanMillis), PRUNE_BATCH);
    return pruneFates(pool, params, 0);
  }

  private Future<Integer> pruneFates(Pool pool, Tuple params, int sofar) {
    return pool.preparedQuery(OrderSql.PRUNE_FATES).execute(params).compose(rows -> rows.rowCount() < PRUNE_BATCH
        ? Future.succeededFuture(sofar + rows.rowCount()) : pruneFates(pool, params, sofar + rows.rowCount()));
  }

  /**
   * Settles the keys in flight for longer than the bound and those whose writes had an unknown outcome; answers how
   * many reservations were released.
   */
  Future<Integer> sweep(Pool pool) {
    // one sweep period early, so that a hold is gone by the bound at the latest (the capture gave up at half of it)
    long cutoff = System.currentTimeMillis() - (boundMillis - sweepEveryMillis);
    return vertx.executeBlocking(() -> {
      Map<String, Entry> expired = new HashMap<>();
      for (String key : map.localKeySet(Predicates.equal("status", 0))) {
        Entry e = map.get(key);
        if (e != null && e.inFlight() && e.at() < cutoff) {
          expired.put(key, e);
        }
      }
      unknown.forEach((key, orderId) -> {
        Entry e = map.get(key);
        if (e != null && e.inFlight() && e.orderId().equals(orderId)) {
          expired.put(key, e);
        } else {
          unknown.remove(key, orderId);  // settled already (by a sweeper or a retry)
        }
      });
      return expired;
    }, false).compose(expired -> {
      if (expired.isEmpty()) {
        return Future.succeededFuture(0);
      }
      UUID[] ids = expired.values().stream().map(e -> UUID.fromString(e.orderId())).toArray(UUID[]::new);
      // First make sure none of them can be written any more (a write in flight finishes first), then look.
      return pool.preparedQuery(OrderSql.ABANDON).execute(Tuple.tuple().addArrayOfUUID(ids))
          .compose(x -> pool.preparedQuery(OrderSql.ORDERS_EXIST).execute(Tuple.tuple().addArrayOfUUID(ids)))
          .compose(rows -> {
        Set<String> durable = new HashSet<>();
        for (Row r : rows) {
          durable.add(r.getUUID(0).toString());
        }
        List<Future<Integer>> settled = new ArrayList<>();
        expired.forEach((key, e) -> settled.add(settle(key, e, durable.contains(e.orderId()))
            .onSuccess(n -> unknown.remove(key, e.orderId()))));
        return Future.all(settled).map(all -> {
          int released = 0;
          for (int i = 0; i < all.size(); i++) {
            released += all.<Integer>resultAt(i);
          }
          return released;
        });
      });
    });
  }

  /**
   * Only the one who replaces the exact entry settles it. The pool releases exactly what the order reserved on each
   * SKU of its hold, once, whoever asks (the capture may have released some already, or never reserved them).
   */
  private Future<Integer> settle(String key, Entry e, boolean durable) {
    if (durable) {
      return vertx.executeBlocking(() -> map.replace(key, e, Entry.done(e.bodyHash(), 201, e.orderId())), false)
          .compose(replaced -> settleHolds(e, false)).map(0);
    }
    return vertx.executeBlocking(() -> map.remove(key, e), false).compose(removed -> {
      if (!removed || !e.holdsStock()) {
        return Future.succeededFuture(0);
      }
      log.warn("releasing the reservations of order {}: it was never written (its node stopped or its write failed)",
          e.orderId());
      return settleHolds(e, true).map(e.skus().length);
    });
  }

  private Future<Void> settleHolds(Entry e, boolean release) {
    List<Future<Void>> settled = new ArrayList<>();
    for (String sku : new java.util.LinkedHashSet<>(List.of(e.skus()))) {
      if (release) {
        settled.add(inventory.releaseHold(sku, e.orderId()));
      } else {
        inventory.confirmHold(sku, e.orderId());
      }
    }
    return Future.all(settled).mapEmpty();
  }

  /**
   * Sets the in-flight entry unless the key holds one already. A claim in flight for longer than the bound whose
   * request held no stock (refused before reserving, or its node died) is taken over; one that holds stock is left
   * to the sweeper. Answers null when claimed, else the entry found. Fields are primitives and strings: an entry
   * processor travels by Java serialization.
   */
  static final class Claim implements EntryProcessor<String, Entry, Entry> {
    private final String bodyHash;
    private final String orderId;
    private final long at;
    private final String[] skus;
    private final String[] locations;
    private final long[] quantities;
    private final long ttlSeconds;

    Claim(Entry claim, long ttlSeconds) {
      this.bodyHash = claim.bodyHash();
      this.orderId = claim.orderId();
      this.at = claim.at();
      this.skus = claim.skus();
      this.locations = claim.locations();
      this.quantities = claim.quantities();
      this.ttlSeconds = ttlSeconds;
    }

    @Override
    public Entry process(Map.Entry<String, Entry> entry) {
      Entry current = entry.getValue();
      if (current != null && !(current.inFlight() && !current.holdsStock() && current.at() < at - 60_000)) {
        return current;
      }
      ((ExtendedMapEntry<String, Entry>) entry).setValue(new Entry(bodyHash, 0, orderId, at, skus, locations,
          quantities), ttlSeconds, TimeUnit.SECONDS);
      return null;
    }
  }
}
