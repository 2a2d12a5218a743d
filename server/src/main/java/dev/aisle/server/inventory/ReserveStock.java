package dev.aisle.server.inventory;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Entry processor that reserves or releases stock of one SKU at several locations, all or nothing (see
 * {@link SkuStock#reserve}), after forgetting the holds of the {@code confirmed} durable orders it carries along
 * ({@link SkuStock#confirmHolds}). Answers, when it reserved, the entry's {@link SkuStock#reservations()} (a small
 * array: the caller brings its copy of the entry up to date); when it did not, the entry as it is, so the caller can
 * plan again on fresh stock. Deterministic, so the backup replica reaches the same value.
 */
final class ReserveStock implements EntryProcessor<String, SkuStock, Object> {

  private final String orderId;
  private final String[] locations;
  private final long[] quantities;
  private final String[] confirmed;

  /**
   * {@code orderId} non-null: the reservation is held for that order being captured ({@link SkuStock#reserveFor}).
   * {@code confirmed}: durable orders whose holds on this SKU are forgotten first (may be empty).
   */
  ReserveStock(String orderId, String[] locations, long[] quantities, String[] confirmed) {
    this.orderId = orderId;
    this.locations = locations;
    this.quantities = quantities;
    this.confirmed = confirmed;
  }

  @Override
  public Object process(Map.Entry<String, SkuStock> entry) {
    SkuStock stored = entry.getValue() == null ? SkuStock.empty(entry.getKey()) : entry.getValue();
    SkuStock current = stored.confirmHolds(confirmed);
    SkuStock next = orderId == null ? current.reserve(locations, quantities)
        : current.reserveFor(orderId, locations, quantities);
    if (next == null) {
      if (current != stored) {
        entry.setValue(current);
      }
      return current;
    }
    entry.setValue(next);
    return next.reservations();
  }
}
