package dev.aisle.server.orders;

import dev.aisle.server.inventory.InventoryPool;
import dev.aisle.server.sourcing.Allocation;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stock an order holds in the pool, and giving it back. */
final class Reservations {

  private Reservations() {}

  /** A quantity of a SKU reserved at a location. */
  record Held(String sku, String locationId, long quantity) {

    static List<Held> of(List<Allocation> allocations) {
      return allocations.stream().map(a -> new Held(a.sku(), a.locationId(), a.quantity())).toList();
    }
  }

  /** Gives reserved quantities back to the pool, one entry processor per SKU. */
  static Future<Void> release(InventoryPool inventory, List<Held> held) {
    Map<String, List<Held>> bySku = new LinkedHashMap<>();
    for (Held h : held) {
      bySku.computeIfAbsent(h.sku(), k -> new ArrayList<>()).add(h);
    }
    List<Future<?>> releases = new ArrayList<>();
    bySku.forEach((sku, list) -> releases.add(inventory.reserve(sku,
        list.stream().map(Held::locationId).toArray(String[]::new),
        list.stream().mapToLong(h -> -h.quantity()).toArray())));
    return Future.all(releases).mapEmpty();
  }
}
