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

/**
 * The live overview of the network for the ops console. Its cost is bounded: the order reads are index range scans
 * over the window, the late tasks come from the partial index of open tasks, and stock-outs are read from the
 * in-memory pool for at most {@value #SKUS} SKUs.
 */
public final class OverviewService {

  /** Most SKUs checked for stock-outs. */
  static final int SKUS = 200;
  /** Most stores and SKUs listed. */
  static final int TOP = 10;

  private final Pool pool;
  private final InventoryPool inventory;
  private final ProductCatalog catalog;

  public OverviewService(Pool pool, InventoryPool inventory, ProductCatalog catalog) {
    this.pool = pool;
    this.inventory = inventory;
    this.catalog = catalog;
  }

  /** The overview of the last {@code minutes} (the current minute included); fails only when PostgreSQL does. */
  public Future<Overview> overview(int minutes) {
    Instant now = Instant.now();
    Instant first = now.truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1L, ChronoUnit.MINUTES);
    Tuple since = Tuple.of(first.atOffset(ZoneOffset.UTC));
    Future<RowSet<Row>> perMinute = pool.preparedQuery(OverviewSql.ORDERS_PER_MINUTE).execute(since);
    Future<RowSet<Row>> byMethod = pool.preparedQuery(OverviewSql.LINES_BY_METHOD).execute(since);
    Future<RowSet<Row>> byType = pool.preparedQuery(OverviewSql.ALLOCATIONS_BY_LOCATION_TYPE).execute(since);
    Future<RowSet<Row>> late = pool.preparedQuery(OverviewSql.LATE_TASKS).execute(Tuple.of(TOP));
    Future<Overview.StockOuts> stockOuts = pool.preparedQuery(OverviewSql.ORDERED_SKUS)
        .execute(Tuple.of(first.atOffset(ZoneOffset.UTC), SKUS)).compose(this::stockOuts);
    return Future.all(perMinute, byMethod, byType, late, stockOuts).map(all -> {
      List<Overview.Minute> minutesList = perMinute(first, minutes, perMinute.result());
      long orders = minutesList.stream().mapToLong(Overview.Minute::orders).sum();
      return new Overview(now, minutes, orders, minutesList, shares(byMethod.result()), shares(byType.result()),
          lateTasks(late.result()), stockOuts.result());
    });
  }

  private static List<Overview.Minute> perMinute(Instant first, int minutes, RowSet<Row> rows) {
    Map<Instant, Long> counts = new HashMap<>();
    for (Row r : rows) {
      counts.put(r.getOffsetDateTime(0).toInstant(), r.getLong(1));
    }
    List<Overview.Minute> list = new ArrayList<>(minutes);
    for (int i = 0; i < minutes; i++) {
      Instant minute = first.plus(i, ChronoUnit.MINUTES);
      list.add(new Overview.Minute(minute, counts.getOrDefault(minute, 0L)));
    }
    return list;
  }

  private static List<Overview.Share> shares(RowSet<Row> rows) {
    List<Overview.Share> list = new ArrayList<>();
    for (Row r : rows) {
      list.add(new Overview.Share(r.getString(0), r.getLong(1), r.getLong(2)));
    }
    list.sort(Comparator.comparing(Overview.Share::key));
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

  private Future<Overview.StockOuts> stockOuts(RowSet<Row> ordered) {
    List<String> skus = new ArrayList<>();
    ordered.forEach(r -> skus.add(r.getString(0)));
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
