package dev.aisle.server.inventory;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Entry processor that ends an order's hold on one SKU ({@link SkuStock#settleHold}): releases what the order
 * reserved there, or keeps it once the order is durable. Idempotent; deterministic, so the backup replica reaches
 * the same value.
 */
final class SettleHold implements EntryProcessor<String, SkuStock, Void> {

  private final String orderId;
  private final boolean release;

  SettleHold(String orderId, boolean release) {
    this.orderId = orderId;
    this.release = release;
  }

  @Override
  public Void process(Map.Entry<String, SkuStock> entry) {
    SkuStock current = entry.getValue();
    if (current != null) {
      SkuStock next = current.settleHold(orderId, release);
      if (next != current) {
        entry.setValue(next);
      }
    }
    return null;
  }
}
