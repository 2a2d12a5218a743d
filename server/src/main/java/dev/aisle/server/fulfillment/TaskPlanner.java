package dev.aisle.server.fulfillment;

import dev.aisle.api.Location;
import dev.aisle.api.LocationType;
import dev.aisle.server.platform.AisleConfig;
import dev.aisle.server.platform.Uuids;
import dev.aisle.server.sourcing.Allocation;
import dev.aisle.server.sourcing.AllocationKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Turns an order's allocations into store tasks (DESIGN.md, "Store fulfillment"): one ship-from-store task per store
 * shipping to the customer; one pickup task per pickup store; for stock coming by transfer, a ship-to-store task at
 * the sending store and a pickup task that starts {@code awaiting-transfer}. Distribution centers get no device
 * tasks: their warehouse system fulfils from the order events. Each task is due after its store's SLA
 * ({@code orders.sla.stores.<id>}, else the network's).
 */
public final class TaskPlanner {

  /** What the planner needs to know of an order line: its product's name and barcode. */
  public record Product(String name, String upc) {}

  /** For tasks that {@code TaskInserts} writes: it reads each line's bin with the task it announces. */
  public static final BinaryOperator<String> BINS_FROM_TABLE = (sku, location) -> null;

  private final Function<String, Location> locations;
  private final AisleConfig.Sla sla;

  public TaskPlanner(Function<String, Location> locations, AisleConfig.Sla sla) {
    this.locations = locations;
    this.sla = sla;
  }

  /**
   * The tasks of an order's allocations; {@code products} gives each order line's product, {@code bins} the bin of a
   * SKU at a location (null when none is known).
   */
  public List<NewTask> plan(UUID orderId, String orderNumber, Instant createdAt, List<Allocation> allocations,
                            Function<Integer, Product> products, BinaryOperator<String> bins) {
    Map<String, List<Allocation>> ship = new LinkedHashMap<>();
    Map<String, List<Allocation>> pickup = new LinkedHashMap<>();
    Map<String, List<Allocation>> transferOut = new LinkedHashMap<>();
    Map<String, String> transferFrom = new LinkedHashMap<>();
    for (Allocation a : allocations) {
      switch (a.kind()) {
        case SHIP -> {
          if (isStore(a.locationId())) {
            ship.computeIfAbsent(a.locationId(), k -> new ArrayList<>()).add(a);
          }
        }
        case PICKUP -> pickup.computeIfAbsent(a.locationId(), k -> new ArrayList<>()).add(a);
        case TRANSFER -> {
          if (isStore(a.locationId())) {
            transferOut.computeIfAbsent(a.locationId() + "\u0000" + a.transferTo(), k -> new ArrayList<>()).add(a);
          }
          pickup.computeIfAbsent(a.transferTo(), k -> new ArrayList<>()).add(a);
          transferFrom.putIfAbsent(a.transferTo(), a.locationId());
        }
      }
    }
    List<NewTask> tasks = new ArrayList<>();
    ship.forEach((store, lines) -> tasks.add(task(orderId, orderNumber, createdAt, store, "ship-from-store", "open",
        null, null, sla.of(store).shipFromStoreMinutes(), lines, products, bins)));
    transferOut.forEach((key, lines) -> tasks.add(task(orderId, orderNumber, createdAt, lines.get(0).locationId(),
        "ship-to-store", "open", lines.get(0).transferTo(), null,
        sla.of(lines.get(0).locationId()).shipToStoreMinutes(), lines, products, bins)));
    pickup.forEach((store, lines) -> {
      boolean waits = lines.stream().anyMatch(a -> a.kind() == AllocationKind.TRANSFER);
      tasks.add(task(orderId, orderNumber, createdAt, store, "pickup", waits ? "awaiting-transfer" : "open", null,
          waits ? transferFrom.get(store) : null, waits
              ? sla.of(transferFrom.get(store)).shipToStoreMinutes() + sla.of(store).pickupMinutes()
              : sla.of(store).pickupMinutes(), lines, products, bins));
    });
    return tasks;
  }

  private boolean isStore(String locationId) {
    Location l = locations.apply(locationId);
    return l != null && l.type() == LocationType.STORE;
  }

  private static NewTask task(UUID orderId, String orderNumber, Instant createdAt, String store, String type,
                              String status, String transferTo, String transferFrom, int slaMinutes, List<Allocation> allocations,
                              Function<Integer, Product> products, BinaryOperator<String> bins) {
    // One task line per order line: a pickup line may be served partly at the store and partly by transfer.
    Map<Integer, Long> quantities = new LinkedHashMap<>();
    Map<Integer, String> skus = new LinkedHashMap<>();
    for (Allocation a : allocations) {
      quantities.merge(a.lineNo(), a.quantity(), Long::sum);
      skus.put(a.lineNo(), a.sku());
    }
    List<NewTask.Line> lines = new ArrayList<>();
    quantities.forEach((lineNo, quantity) -> {
      Product p = products.apply(lineNo);
      String sku = skus.get(lineNo);
      lines.add(new NewTask.Line(lineNo, sku, p.name(), p.upc(), quantity, bins.apply(sku, store)));
    });
    return new NewTask(Uuids.v7(), orderId, orderNumber, store, type, status, transferTo, transferFrom,
        createdAt.plus(Duration.ofMinutes(slaMinutes)), createdAt, lines);
  }
}
