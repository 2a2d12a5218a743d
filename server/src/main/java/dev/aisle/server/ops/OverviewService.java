package dev.aisle.server.ops;

import dev.aisle.api.Product;
import dev.aisle.server.catalog.ProductCatalog;
import dev.aisle.server.inventory.InventoryPool;
import dev.aisle.server.inventory.SkuStock;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live overview of the network for the ops console, at a cost that does not grow with the window: a minute that
 * ended more than a minute ago is counted once and kept (per node, for {@value #MAX_MINUTES} minutes), so
 * each request reads PostgreSQL only for the last two minutes (and for minutes no request has counted yet). Late
 * tasks come from the partial index of open tasks; stock-outs from the in-memory pool for at most {@value #SKUS}
 * SKUs.
 */
public final class OverviewService {

  /** The longest window, and how long a counted minute is kept. */
  static final int MAX_MINUTES = 240;
  /** Most SKUs checked for stock-outs, and most SKUs kept per minute. */
  static final int SKUS = 200;
  /** Most stores and SKUs listed. */
  static final int TOP = 10;

  /** What the orders of a minute (or a window) were: how many, lines by method, allocations by type, units by SKU. */
  private static final class Tally {
    long orders;
    final Map<String, long[]> methods = new TreeMap<>();
    final Map<String, long[]> types = new TreeMap<>();
    final Map<String, Long> skus = new HashMap<>();

    void add(Tally other) {
      orders += other.orders;
      other.methods.forEach((k, v) -> OverviewService.add(methods, k, v[0], v[1]));
      other.types.forEach((k, v) -> OverviewService.add(types, k, v[0], v[1]));
      other.skus.forEach((sku, units) -> skus.merge(sku, units, Long::sum));
    }
  }

  private final Pool pool;
  private final InventoryPool inventory;
  private final ProductCatalog catalog;
  /** Tallies of minutes that are over: an order is written within milliseconds of the minute it was captured in. */
  private final Map<Instant, Tally> closed = new ConcurrentHashMap<>();

  public OverviewService(Pool pool, InventoryPool inventory, ProductCatalog catalog) {
    this.pool = pool;
    this.inventory = inventory;
    this.catalog = catalog;
  }

  /** The overview of the last {@code minutes} (the current minute included); fails only when PostgreSQL does. */
  public Future<Overview> overview(int minutes) {
    Instant now = Instant.now();
    Instant current = now.truncatedTo(ChronoUnit.MINUTES);
    Instant first = current.minus(minutes - 1L, ChronoUnit.MINUTES);
    Instant open = current.minus(1, ChronoUnit.MINUTES);
    Instant from = first;
    while (from.isBefore(open) && closed.containsKey(from)) {
      from = from.plus(1, ChronoUnit.MINUTES);
    }
    closed.keySet().removeIf(m -> m.isBefore(current.minus(MAX_MINUTES, ChronoUnit.MINUTES)));
    Future<Map<Instant, Tally>> counted = count(from, open);
    Future<RowSet<Row>> late = pool.preparedQuery(OverviewSql.LATE_TASKS).execute(Tuple.of(TOP));
    return Future.all(counted, late).compose(all -> {
      Tally window = new Tally();
      List<Overview.Minute> perMinute = new ArrayList<>(minutes);
      for (int i = 0; i < minutes; i++) {
        Instant minute = first.plus(i, ChronoUnit.MINUTES);
        Tally t = counted.result().getOrDefault(minute, closed.get(minute));
        perMinute.add(new Overview.Minute(minute, t == null ? 0 : t.orders));
        if (t != null) {
          window.add(t);
        }
      }
      return stockOuts(window.skus).map(outs -> new Overview(now, minutes, window.orders, perMinute,
          shares(window.methods), shares(window.types), lateTasks(late.result()), outs));
    });
  }

  /** Counts the minutes from {@code from} on; keeps those before {@code open}, and answers them all by minute. */
  private Future<Map<Instant, Tally>> count(Instant from, Instant open) {
    Tuple since = Tuple.of(from.atOffset(ZoneOffset.UTC));
    Future<RowSet<Row>> orders = pool.preparedQuery(OverviewSql.ORDERS).execute(since);
    Future<RowSet<Row>> lines = pool.preparedQuery(OverviewSql.LINES_BY_METHOD).execute(since);
    Future<RowSet<Row>> allocations = pool.preparedQuery(OverviewSql.ALLOCATIONS_BY_LOCATION_TYPE).execute(since);
    Future<RowSet<Row>> skus = pool.preparedQuery(OverviewSql.TOP_SKUS)
        .execute(Tuple.of(from.atOffset(ZoneOffset.UTC), SKUS));
    return Future.all(orders, lines, allocations, skus).map(all -> {
      Map<Instant, Tally> tallies = new HashMap<>();
      for (Instant m = from; m.isBefore(open); m = m.plus(1, ChronoUnit.MINUTES)) {
        tallies.put(m, new Tally());  // a minute without orders is counted too
      }
      for (Row r : orders.result()) {
        tally(tallies, r).orders = r.getLong(1);
      }
      for (Row r : lines.result()) {
        add(tally(tallies, r).methods, r.getString(1), r.getLong(2), r.getLong(3));
      }
      for (Row r : allocations.result()) {
        add(tally(tallies, r).types, r.getString(1), r.getLong(2), r.getLong(3));
      }
      for (Row r : skus.result()) {
        tally(tallies, r).skus.put(r.getString(1), r.getLong(2));
      }
      tallies.forEach((minute, t) -> {
        if (minute.isBefore(open)) {
          closed.put(minute, t);
        }
      });
      return tallies;
    });
  }

  private static Tally tally(Map<Instant, Tally> tallies, Row r) {
    return tallies.computeIfAbsent(r.getOffsetDateTime(0).toInstant(), m -> new Tally());
  }

  private static void add(Map<String, long[]> shares, String key, long count, long units) {
    long[] sum = shares.computeIfAbsent(key, k -> new long[2]);
    sum[0] += count;
    sum[1] += units;
  }

  private static List<Overview.Share> shares(Map<String, long[]> shares) {
    List<Overview.Share> list = new ArrayList<>();
    shares.forEach((key, v) -> list.add(new Overview.Share(key, v[0], v[1])));
    return list;
  }

  private static Overview.LateTasks lateTasks(RowSet<Row> rows) {
    List<Overview.StoreLate> top = new ArrayList<>();
    long total = 0;
    long stores = 0;
    for (Row r : rows) {
      top.add(new Overview.StoreLate(r.getString("location_id"), r.getString("name"), r.getLong("late"),
          r.getOffsetDateTime("oldest").toInstant()));
      total = r.getLong("total");
      stores = r.getLong("stores");
    }
    return new Overview.LateTasks(total, stores, top);
  }

  /** The positions with nothing to sell of the window's most ordered SKUs ({@code units} ordered by SKU). */
  private Future<Overview.StockOuts> stockOuts(Map<String, Long> units) {
    List<String> skus = units.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(SKUS).map(Map.Entry::getKey).toList();
    if (skus.isEmpty()) {
      return Future.succeededFuture(new Overview.StockOuts(0, 0, 0, List.of()));
    }
    return inventory.getAll(skus).map(stock -> {
      List<Overview.SkuOut> out = new ArrayList<>();
      int soldOut = 0;
      int positionsOut = 0;
      for (String sku : skus) {
        SkuStock s = stock.getOrDefault(sku, SkuStock.empty(sku));
        int zero = 0;
        long ats = 0;
        for (int i = 0; i < s.size(); i++) {
          long a = s.availableAt(i);
          ats += a;
          if (a == 0) {
            zero++;
          }
        }
        positionsOut += zero;
        if (ats == 0) {
          soldOut++;
        }
        if (zero > 0 || ats == 0) {
          Product p = catalog.get(sku);
          out.add(new Overview.SkuOut(sku, p == null ? sku : p.name(), s.size(), zero, ats));
        }
      }
      out.sort(Comparator.comparing((Overview.SkuOut o) -> o.availableToSell() > 0)
          .thenComparing(Overview.SkuOut::positionsOut, Comparator.reverseOrder())
          .thenComparing(Overview.SkuOut::sku));
      return new Overview.StockOuts(skus.size(), soldOut, positionsOut, List.copyOf(out.subList(0,
          Math.min(TOP, out.size()))));
    });
  }
}
