package dev.aisle.server.inventory;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Entry processor that releases what an order being captured reserved on one SKU ({@link SkuStock#settleHold}),
 * after forgetting the holds of the {@code confirmed} durable orders it carries along. Idempotent; answers the
 * entry's {@link SkuStock#reservations()} after it (null when the SKU has no entry). Deterministic, so the backup
 * replica reaches the same value.
 */
final class ReleaseHold implements EntryProcessor<String, SkuStock, long[]> {

  private final String orderId;
  private final String[] confirmed;

  ReleaseHold(String orderId, String[] confirmed) {
    this.orderId = orderId;
    this.confirmed = confirmed;
  }

  @Override
  public long[] process(Map.Entry<String, SkuStock> entry) {
    SkuStock current = entry.getValue();
    if (current == null) {
      return null;
    }
    SkuStock next = current.confirmHolds(confirmed).settleHold(orderId, true);
    if (next != current) {
      entry.setValue(next);
    }
    return next.reservations();
  }
}
