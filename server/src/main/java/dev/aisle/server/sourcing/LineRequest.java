package dev.aisle.server.sourcing;

/**
 * One order line to source. {@code pickupLocationId} is set only for {@link Method#PICKUP}; {@code unitWeightKg}
 * (≥ 0) feeds the shipping cost score.
 */
public record LineRequest(int lineNo, String sku, long quantity, Method method, String pickupLocationId,
                          double unitWeightKg) {

  public static LineRequest ship(int lineNo, String sku, long quantity, double unitWeightKg) {
    return new LineRequest(lineNo, sku, quantity, Method.SHIP, null, unitWeightKg);
  }

  public static LineRequest pickup(int lineNo, String sku, long quantity, String storeId) {
    return new LineRequest(lineNo, sku, quantity, Method.PICKUP, storeId, 0);
  }
}
