package dev.aisle.server.sourcing;

/**
 * A simple shipping cost model for the {@value Score#SHIPPING_COST} score:
 * {@code perShipment + perKm × km + perKg × kg} in the shop's currency. All rates are ≥ 0.
 */
public record Rates(double perShipment, double perKm, double perKg) {

  public double cost(double km, double kg) {
    return perShipment + perKm * km + perKg * kg;
  }
}
