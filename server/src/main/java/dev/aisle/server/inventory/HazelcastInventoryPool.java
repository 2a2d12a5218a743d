package dev.aisle.server.inventory;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.aisle.server.platform.HzFutures;
import dev.aisle.server.platform.Uuids;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The inventory pool in a Hazelcast map ({@value #MAP}): partitioned, one synchronous backup, one entry per SKU,
 * changed only by entry processors. Reads go through the near cache, so a warm node answers without a remote call.
 * Order capture plans on copies that this node's own operations keep current ({@link #forPlanning}: every
 * reservation invalidates the near cache, and reading the whole entry back cost more than the reservation), and the
 * holds of durable orders are forgotten in batches ({@link #confirmHold}).
 *
 * <p>Cold start: the first member to claim the {@value #LOAD_FLAG} flag streams {@code stock} from PostgreSQL into
 * the map and then marks it ready; the others wait. If the loading member leaves the cluster before it finishes,
 * another one takes the claim over (compare-and-set, never a lock).
 */
public final class HazelcastInventoryPool implements InventoryPool {

  public static final String MAP = "aisle.inventory";
  static final String CONTROL = "aisle.control";
  static final String LOAD_FLAG = "inventory-pool";
  private static final String READY = "ready";
  private static final int LOAD_BATCH = 2_000;
  private static final String[] NONE = new String[0];
  /** Prefix of the ids that plain {@link #reserve} calls hold their change under (order ids are bare UUIDs). */
  static final String OPERATION = "op:";
  /**
   * How long a copy is planned on without reading the map again, counted from when the map last answered for it
   * (its on-hand checked by version, its reservations taken as they are there).
   */
  static final long SEEN_MILLIS = 2_000;
  /**
   * How often holds of durable orders are forgotten in batches, when no operation on their SKU took them along
   * first (most do on a busy SKU). Until then a hold costs a few bytes in its entry, nothing else.
   */
  static final long CONFIRM_MILLIS = 1_000;
  private static final Logger log = LoggerFactory.getLogger(HazelcastInventoryPool.class);

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final IMap<String, SkuStock> map;
  private final IMap<String, String> control;
  private volatile boolean ready;
  /** The copy of each SKU's entry this node plans on, and when the map last answered for it ({@link #forPlanning}). */
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  /** Durable orders whose holds are to be forgotten, per SKU (see {@link #confirmHold}). */
  private final Map<String, List<String>> toConfirm = new ConcurrentHashMap<>();

  private record Seen(SkuStock entry, long at) {}

  public HazelcastInventoryPool(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.map = hazelcast.getMap(MAP);
    this.control = hazelcast.getMap(CONTROL);
    vertx.setPeriodic(CONFIRM_MILLIS, CONFIRM_MILLIS, id -> confirmNow());
    // only SKUs planned on lately are kept, so that a huge catalogue is not copied here
    vertx.setPeriodic(SEEN_MILLIS, SEEN_MILLIS, id -> {
      long old = System.currentTimeMillis() - SEEN_MILLIS;
      seen.values().removeIf(s -> s.at < old);
    });
  }

  @Override
  public Future<SkuStock> get(String sku) {
    return bridge(map.getAsync(sku)).map(s -> s == null ? SkuStock.empty(sku) : s);
  }

  @Override
  public Future<Map<String, SkuStock>> getAll(Collection<String> skus) {
    List<Future<SkuStock>> reads = new ArrayList<>(skus.size());
    for (String sku : skus) {
      reads.add(get(sku));
    }
    return Future.all(reads).map(all -> {
      Map<String, SkuStock> result = new LinkedHashMap<>();
      for (int i = 0; i < all.size(); i++) {
        SkuStock s = all.resultAt(i);
        result.put(s.sku(), s);
      }
      return result;
    });
  }

  @Override
  public Future<Void> apply(List<StockRow> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, List<StockRow>> bySku = new HashMap<>();
    for (StockRow row : rows) {
      bySku.computeIfAbsent(row.sku(), k -> new ArrayList<>()).add(row);
    }
    List<Future<Void>> writes = new ArrayList<>(bySku.size());
    // What this node planned on for these SKUs is out of date now: the next plan reads the map.
    bySku.forEach((sku, skuRows) -> writes.add(bridge(map.submitToKey(sku, new ApplyStockRows(skuRows))
        .whenComplete((v, error) -> seen.remove(sku)))));
    return Future.all(writes).mapEmpty();
  }

  @Override
  public Future<Map<String, SkuStock>> forPlanning(Collection<String> skus) {
    long now = System.currentTimeMillis();
    Map<String, SkuStock> known = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>(skus.size());
    for (String sku : skus) {
      Seen s = seen.get(sku);
      if (s != null && now - s.at < SEEN_MILLIS) {
        known.put(sku, s.entry);
      } else {
        missing.add(sku);
      }
    }
    if (missing.isEmpty()) {
      return Future.succeededFuture(known);
    }
    return getAll(missing).map(read -> {
      read.forEach(this::saw);
      known.putAll(read);
      return known;
    });
  }

  @Override
  public Future<SkuStock> reserve(String sku, String[] locations, long[] quantities) {
    // Held for an operation id of its own, so the change happens once even when Hazelcast runs the entry processor
    // again (its member left before answering, and the backup may already hold the first run); the record is then
    // forgotten like a durable order's hold. No sweeper ever releases it: no idempotency key names that id.
    String operation = OPERATION + Uuids.v7();
    return reserve(sku, operation, locations, quantities).onSuccess(lost -> {
      if (lost == null) {
        confirmHold(sku, operation);
      }
    });
  }

  @Override
  public Future<SkuStock> reserveFor(String orderId, String sku, String[] locations, long[] quantities) {
    return reserve(sku, orderId, locations, quantities);
  }

  private Future<SkuStock> reserve(String sku, String orderId, String[] locations, long[] quantities) {
    return carryingConfirmed(sku, confirmed -> new ReserveStock(orderId, locations, quantities, confirmed))
        .map(result -> {
          if (result instanceof SkuStock lost) {
            saw(sku, lost);
            return lost;
          }
          sawReservations(sku, (long[]) result);
          return null;
        });
  }

  @Override
  public Future<Void> releaseHold(String sku, String orderId) {
    return carryingConfirmed(sku, confirmed -> new ReleaseHold(orderId, confirmed)).map(reservations -> {
      if (reservations != null) {
        sawReservations(sku, reservations);
      }
      return null;
    });
  }

  /** Runs an entry processor on the SKU that takes the holds confirmed there along; they wait again if it fails. */
  private <R> Future<R> carryingConfirmed(String sku,
                                          Function<String[], EntryProcessor<String, SkuStock, R>> processor) {
    String[] confirmed = takeConfirmed(sku);
    return bridge(map.submitToKey(sku, processor.apply(confirmed))).onFailure(e -> confirmLater(sku, confirmed));
  }

  @Override
  public void confirmHold(String sku, String orderId) {
    confirmLater(sku, new String[] {orderId});
  }

  private void confirmLater(String sku, String[] orderIds) {
    if (orderIds.length > 0) {
      toConfirm.compute(sku, (k, list) -> {
        List<String> l = list == null ? new ArrayList<>() : list;
        l.addAll(List.of(orderIds));
        return l;
      });
    }
  }

  private String[] takeConfirmed(String sku) {
    List<String> orders = toConfirm.remove(sku);
    return orders == null ? NONE : orders.toArray(NONE);
  }

  /**
   * Forgets every hold confirmed since the last time that no operation took along: one call per partition, with
   * only that partition's SKUs (a multi-key call looks every one of its keys up in each partition it runs on).
   */
  private void confirmNow() {
    if (toConfirm.isEmpty()) {
      return;
    }
    Map<Integer, HashMap<String, String[]>> byPartition = new HashMap<>();
    for (String sku : List.copyOf(toConfirm.keySet())) {
      String[] orders = takeConfirmed(sku);
      if (orders.length > 0) {
        int partition = hazelcast.getPartitionService().getPartition(sku).getPartitionId();
        byPartition.computeIfAbsent(partition, p -> new HashMap<>()).put(sku, orders);
      }
    }
    byPartition.values().forEach(batch -> map.submitToKeys(batch.keySet(), new ConfirmHolds(batch))
        .whenComplete((r, error) -> {
          if (error != null) {
            log.warn("forgetting the holds of durable orders on {} SKUs: {}", batch.size(), error.toString());
            batch.forEach(this::confirmLater);
          }
        }));
  }

  private void saw(String sku, SkuStock entry) {
    seen.put(sku, new Seen(entry, System.currentTimeMillis()));
  }

  /** Brings this node's copy of the entry up to date after an operation, or drops it when it is too old for that. */
  private void sawReservations(String sku, long[] reservations) {
    Seen s = seen.get(sku);
    SkuStock updated = s == null ? null : s.entry.withReservations(reservations);
    if (updated != null) {
      saw(sku, updated);
    } else if (s != null) {
      seen.remove(sku, s);
    }
  }

  @Override
  public boolean ready() {
    return ready;
  }

  /**
   * Makes sure the pool holds every position: loads it from PostgreSQL when no member has, or waits for the member
   * that is loading it. {@code reload} drops what the cluster holds first (after a demo reload, say).
   */
  public Future<Void> start(Pool pool, boolean reload) {
    String me = "loading:" + hazelcast.getCluster().getLocalMember().getUuid();
    return vertx.executeBlocking(() -> {
      if (reload) {
        seen.clear();
        map.clear();
        control.remove(LOAD_FLAG);
      }
      return control.putIfAbsent(LOAD_FLAG, me);
    }, false).compose(previous -> previous == null ? load(pool, me) : awaitReady(pool, me));
  }

  private Future<Void> awaitReady(Pool pool, String me) {
    Promise<Void> done = Promise.promise();
    vertx.setPeriodic(1, 250, id -> vertx.executeBlocking(() -> {
      String flag = control.get(LOAD_FLAG);
      if (READY.equals(flag)) {
        return "ready";
      }
      // The loader left the cluster before finishing (or nobody claims it): take the claim over.
      if (flag == null ? control.putIfAbsent(LOAD_FLAG, me) == null
          : !loaderAlive(flag) && control.replace(LOAD_FLAG, flag, me)) {
        return "claimed";
      }
      return "wait";
    }, false).onSuccess(state -> {
      if (!"wait".equals(state) && vertx.cancelTimer(id)) {
        if ("ready".equals(state)) {
          ready = true;
          done.complete();
        } else {
          load(pool, me).onComplete(done);
        }
      }
    }).onFailure(e -> log.warn("waiting for the inventory pool: {}", e.toString())));
    return done.future();
  }

  private boolean loaderAlive(String flag) {
    Set<Member> members = hazelcast.getCluster().getMembers();
    return members.stream().anyMatch(m -> flag.equals("loading:" + m.getUuid()));
  }

  /**
   * Streams {@code stock} in SKU order and writes one entry per SKU, in batches; reserved quantities come from the
   * open allocations.
   */
  private Future<Void> load(Pool pool, String me) {
    long started = System.nanoTime();
    Loader loader = new Loader();
    // A cursor lives only inside a transaction.
    return pool.withTransaction(conn -> conn.prepare(StockSql.ALL_BY_SKU).compose(statement -> {
      Promise<Void> streamed = Promise.promise();
      RowStream<Row> stream = statement.createStream(10_000);
      stream.handler(row -> {
        Future<Void> flushed = loader.add(row);
        if (flushed != null) {
          // Backpressure: hold the cursor until the batch is in the map.
          stream.pause();
          flushed.onComplete(ar -> stream.resume());
        }
      });
      stream.exceptionHandler(streamed::tryFail);
      stream.endHandler(v -> streamed.tryComplete());
      return streamed.future();
    })).compose(v -> loader.finish())
        .compose(v -> vertx.executeBlocking(() -> control.replace(LOAD_FLAG, me, READY), false))
        .map(v -> {
          ready = true;
          log.info("inventory pool loaded from PostgreSQL: {} positions of {} SKUs in {} ms", loader.positions,
              loader.skus, (System.nanoTime() - started) / 1_000_000);
          return null;
        });
  }

  private <T> Future<T> bridge(CompletionStage<T> stage) {
    return HzFutures.bridge(vertx, stage);
  }

  /** Groups SKU-ordered rows into entries and puts them in batches; only one batch is in flight at a time. */
  private final class Loader {
    private final Map<String, SkuStock> batch = new HashMap<>();
    private final List<StockRow> current = new ArrayList<>();
    private final Map<String, Long> reserved = new HashMap<>();
    private long positions;
    private long skus;
    private Future<Void> inFlight = Future.succeededFuture();

    Future<Void> add(Row row) {
      StockRow r = StockSql.stockRow(row);
      positions++;
      Future<Void> flushed = null;
      if (!current.isEmpty() && !current.get(0).sku().equals(r.sku())) {
        closeSku();
        if (batch.size() >= LOAD_BATCH) {
          flushed = flush();
        }
      }
      current.add(r);
      long held = row.getLong(7);
      if (held > 0) {
        reserved.put(r.locationId(), held);
      }
      return flushed;
    }

    private void closeSku() {
      SkuStock entry = SkuStock.empty(current.get(0).sku()).apply(current).withReserved(reserved);
      batch.put(entry.sku(), entry);
      skus++;
      current.clear();
      reserved.clear();
    }

    private Future<Void> flush() {
      Map<String, SkuStock> out = new HashMap<>(batch);
      batch.clear();
      inFlight = inFlight.compose(v -> bridge(map.putAllAsync(out)));
      return inFlight;
    }

    Future<Void> finish() {
      if (!current.isEmpty()) {
        closeSku();
      }
      return batch.isEmpty() ? inFlight : flush();
    }
  }
}
