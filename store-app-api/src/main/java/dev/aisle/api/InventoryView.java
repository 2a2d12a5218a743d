package dev.aisle.api;

import java.util.List;

/** Every position of one SKU and the network totals over them. */
public record InventoryView(String sku, List<StockPosition> positions, Totals totals) {

  public record Totals(long onHand, long safetyStock, long reserved, long availableToSell, int locations,
                       int locationsWithStock) {}
}
