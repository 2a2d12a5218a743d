package dev.aisle.server.inventory;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The hot, cluster-wide copy of every stock position, one entry per SKU. PostgreSQL stays the truth: on-hand
 * reaches the pool only as durable {@link StockRow}s, ordered by their version.
 */
public interface InventoryPool {

  /** The SKU's entry, or an empty one when no location stocks it. Served from the near cache when warm. */
  Future<SkuStock> get(String sku);

  /** Entries of several SKUs (missing ones are absent from the map). */
  Future<Map<String, SkuStock>> getAll(Collection<String> skus);

  /** Applies durable rows (any SKUs, any order); a row older than what the pool holds is ignored. */
  Future<Void> apply(List<StockRow> rows);

  /**
   * Reserves (positive quantities) or releases (negative) stock of one SKU at the given locations, atomically on its
   * entry: all or nothing. Succeeds with null when applied; with the SKU's current entry when a reservation exceeds
   * available-to-sell there (nothing changed), so the caller can plan again. Releases always apply.
   */
  Future<SkuStock> reserve(String sku, String[] locations, long[] quantities);

  /**
   * As {@link #reserve}, for an order being captured: the pool remembers what {@code orderId} took, so that
   * {@link #settleHold} can give back exactly that, once, whoever calls it (the capture, or the sweeper after the
   * capture's node died).
   */
  Future<SkuStock> reserveFor(String orderId, String sku, String[] locations, long[] quantities);

  /**
   * Ends the hold of an order on a SKU: {@code release} gives back what it reserved there (nothing if it reserved
   * nothing, or was settled already), else its reservation stays (the order is durable).
   */
  Future<Void> settleHold(String sku, String orderId, boolean release);

  /** True once the pool has been loaded from PostgreSQL (by this node or another member). */
  boolean ready();
}
