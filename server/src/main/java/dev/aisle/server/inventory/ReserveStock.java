package dev.aisle.server.inventory;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Entry processor that reserves or releases stock of one SKU at several locations, all or nothing (see
 * {@link SkuStock#reserve}). Answers null when it was applied, otherwise the entry as it is now, so the caller can
 * plan again on fresh stock. Deterministic, so the backup replica reaches the same value.
 */
final class ReserveStock implements EntryProcessor<String, SkuStock, SkuStock> {

  private final String[] locations;
  private final long[] quantities;

  ReserveStock(String[] locations, long[] quantities) {
    this.locations = locations;
    this.quantities = quantities;
  }

  @Override
  public SkuStock process(Map.Entry<String, SkuStock> entry) {
    SkuStock current = entry.getValue() == null ? SkuStock.empty(entry.getKey()) : entry.getValue();
    SkuStock next = current.reserve(locations, quantities);
    if (next == null) {
      return current;
    }
    entry.setValue(next);
    return null;
  }
}
