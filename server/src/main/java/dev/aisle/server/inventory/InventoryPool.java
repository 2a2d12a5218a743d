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

  /**
   * Entries of several SKUs to plan an order on: those this node's own operations answered within the last
   * {@value HazelcastInventoryPool#SEEN_MILLIS} ms, else as {@link #getAll}. They may miss another node's changes
   * of that last moment: planning on them is fine (a reservation checks available-to-sell on the entry itself, and
   * a lost race plans again on the entry it answers), showing them to people is not.
   */
  Future<Map<String, SkuStock>> forPlanning(Collection<String> skus);

  /** Applies durable rows (any SKUs, any order); a row older than what the pool holds is ignored. */
  Future<Void> apply(List<StockRow> rows);

  /**
   * Reserves (positive quantities) or releases (negative) stock of one SKU at the given locations, atomically on its
   * entry: all or nothing. Succeeds with null when applied; with the SKU's current entry when a reservation exceeds
   * available-to-sell there (nothing changed), so the caller can plan again. Releases always apply. Applied once,
   * even when Hazelcast runs the operation again after a member left (a cancel never gives stock back twice).
   */
  Future<SkuStock> reserve(String sku, String[] locations, long[] quantities);

  /**
   * As {@link #reserve}, for an order being captured: the pool remembers what {@code orderId} took, so that
   * {@link #releaseHold} can give back exactly that, once, whoever calls it (the capture, or the sweeper after the
   * capture's node died).
   */
  Future<SkuStock> reserveFor(String orderId, String sku, String[] locations, long[] quantities);

  /**
   * Releases what an order being captured reserved on a SKU (nothing if it reserved nothing, or was settled
   * already): the order will not be written.
   */
  Future<Void> releaseHold(String sku, String orderId);

  /**
   * The order is durable: its reservation on the SKU stays (its allocations hold the stock now) and the pool forgets
   * its hold, with this node's next operation on that SKU or within {@value HazelcastInventoryPool#CONFIRM_MILLIS} ms,
   * many SKUs in one go. Until then a release of that order's hold still finds it; nothing asks for one once the
   * order is durable. If this node stops first the record stays behind, and releases nothing.
   */
  void confirmHold(String sku, String orderId);

  /** True once the pool has been loaded from PostgreSQL (by this node or another member). */
  boolean ready();
}
