package dev.aisle.server.inventory;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Entry processor that reserves or releases stock of one SKU at several locations, all or nothing (see
 * {@link SkuStock#reserve}). Answers null when it was applied, otherwise the entry as it is now, so the caller can
 * plan again on fresh stock. Deterministic, so the backup replica reaches the same value.
 */
final class ReserveStock implements EntryProcessor<String, SkuStock, SkuStock> {

  private final String orderId;
  private final String[] locations;
  private final long[] quantities;

  /** {@code orderId} non-null: the reservation is held for that order being captured ({@link SkuStock#reserveFor}). */
  ReserveStock(String orderId, String[] locations, long[] quantities) {
    this.orderId = orderId;
    this.locations = locations;
    this.quantities = quantities;
  }

  @Override
  public SkuStock process(Map.Entry<String, SkuStock> entry) {
    SkuStock current = entry.getValue() == null ? SkuStock.empty(entry.getKey()) : entry.getValue();
    SkuStock next = orderId == null ? current.reserve(locations, quantities)
        : current.reserveFor(orderId, locations, quantities);
    if (next == null) {
      return current;
    }
    entry.setValue(next);
    return null;
  }
}
