package dev.aisle.server.inventory;

import dev.aisle.api.FeedResult;
import dev.aisle.api.FeedResult.LineReject;
import dev.aisle.api.InventoryView;
import dev.aisle.api.StockPosition;
import dev.aisle.server.catalog.ProductCatalog;
import dev.aisle.server.network.LocationDirectory;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.Caller;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * Stock feeds and reads. Every change is made durable in PostgreSQL first, then applied to the inventory pool by
 * version, and only then acknowledged; reads come from the pool.
 */
public final class InventoryService {

  static final int MAX_REJECTS_LISTED = 1_000;

  private final PgStockStore store;
  private final InventoryPool pool;
  private final ProductCatalog catalog;
  private final LocationDirectory directory;

  public InventoryService(PgStockStore store, InventoryPool pool, ProductCatalog catalog, LocationDirectory directory) {
    this.store = store;
    this.pool = pool;
    this.catalog = catalog;
    this.directory = directory;
  }

  PgStockStore store() {
    return store;
  }

  InventoryPool pool() {
    return pool;
  }

  /** Fails with 503 while the pool is still being loaded: a write now could be overwritten by the load. */
  void requireReady() {
    if (!pool.ready()) {
      throw ApiProblem.unavailable("the inventory pool is still loading", 5);
    }
  }

  /** Null when the sku and location exist, else why not (used for feed lines). */
  String unknown(String sku, String locationId) {
    if (!catalog.contains(sku)) {
      return "unknown sku " + sku;
    }
    if (!directory.contains(locationId)) {
      return "unknown location " + locationId;
    }
    return null;
  }

  /**
   * Sets a position's on-hand (and safety stock, and bin: null keeps it, "" clears it); a feed sequence older than
   * the stored one is a 409.
   */
  public Future<StockPosition> set(Caller caller, String locationId, String sku, long onHand, Long safety,
                                   Long feedSeq, String bin) {
    requireReady();
    requireKnown(sku, locationId);
    return store.set(sku, locationId, onHand, safety, feedSeq, bin, caller.actor())
        .compose(row -> row != null ? pool.apply(List.of(row)).map(row)
            : store.feedSeq(sku, locationId).compose(current -> Future.failedFuture(ApiProblem.conflict(
                "stale: feedSeq " + feedSeq + " is older than the stored " + current))))
        .compose(row -> pool.get(sku))
        .map(stock -> stock.positionAt(locationId));
  }

  public Future<StockPosition> position(String locationId, String sku) {
    requireKnown(sku, locationId);
    return pool.get(sku).map(stock -> stock.positionAt(locationId));
  }

  /** Every position of the SKU, or only the caller's own location for store roles. */
  public Future<InventoryView> view(Caller caller, String sku) {
    if (!catalog.contains(sku)) {
      return Future.failedFuture(ApiProblem.notFound("no product with sku " + sku));
    }
    return pool.get(sku).map(stock -> caller.role().storeBound()
        ? stock.view(List.of(stock.positionAt(caller.locationId())))
        : stock.view());
  }

  /** Applies valid lines in order; {@code rejects} are the lines already refused by the parser. */
  public Future<FeedResult> adjust(Caller caller, int lines, List<Adjustment> valid, List<LineReject> rejects) {
    requireReady();
    List<Adjustment> known = new ArrayList<>(valid.size());
    List<LineReject> refused = new ArrayList<>(rejects);
    for (Adjustment a : valid) {
      String why = unknown(a.sku(), a.locationId());
      if (why == null && !caller.mayAccessLocation(a.locationId())) {
        why = "a " + caller.role().wire() + " may only adjust location " + caller.locationId();
      }
      if (why == null) {
        known.add(a);
      } else {
        refused.add(new LineReject(a.line(), why));
      }
    }
    return store.adjust(known, caller.actor()).compose(results -> {
      List<StockRow> rows = new ArrayList<>(results.size());
      for (PgStockStore.Adjusted r : results) {
        if (r.row() != null) {
          rows.add(r.row());
        } else {
          refused.add(new LineReject(r.line().line(), r.reject()));
        }
      }
      refused.sort((a, b) -> Integer.compare(a.line(), b.line()));
      return pool.apply(rows).map(v -> new FeedResult(lines, rows.size(), 0, refused.size(),
          refused.size() > MAX_REJECTS_LISTED ? refused.subList(0, MAX_REJECTS_LISTED) : refused));
    });
  }

  private void requireKnown(String sku, String locationId) {
    if (!catalog.contains(sku)) {
      throw ApiProblem.notFound("no product with sku " + sku);
    }
    if (!directory.contains(locationId)) {
      throw ApiProblem.notFound("no location with id " + locationId);
    }
  }
}
