package dev.aisle.server.sourcing;

public enum Shortage {
  REJECT("reject"), BACKORDER("backorder"), SHIP_AVAILABLE("ship-available");
  private final String wire;
  Shortage(String wire) {
    this.wire = wire;
  }
  @com.fasterxml.jackson.annotation.JsonValue
  public String wire() {
    return wire;
  }
}
