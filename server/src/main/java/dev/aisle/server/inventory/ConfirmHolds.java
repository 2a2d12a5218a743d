package dev.aisle.server.inventory;

import com.hazelcast.map.EntryProcessor;

import java.util.HashMap;
import java.util.Map;

/**
 * Entry processor for many SKUs at once ({@code submitToKeys}): forgets the holds of durable orders, per SKU, keeping
 * their reservations ({@link SkuStock#confirmHolds}). Idempotent and deterministic.
 */
final class ConfirmHolds implements EntryProcessor<String, SkuStock, Void> {

  private final HashMap<String, String[]> ordersBySku;

  ConfirmHolds(HashMap<String, String[]> ordersBySku) {
    this.ordersBySku = ordersBySku;
  }

  @Override
  public Void process(Map.Entry<String, SkuStock> entry) {
    SkuStock current = entry.getValue();
    if (current != null) {
      SkuStock next = current.confirmHolds(ordersBySku.get(entry.getKey()));
      if (next != current) {
        entry.setValue(next);
      }
    }
    return null;
  }
}
