package dev.aisle.server.sourcing;

public enum AllocationKind {
  SHIP("ship"), PICKUP("pickup"), TRANSFER("transfer");
  private final String wire;
  AllocationKind(String wire) {
    this.wire = wire;
  }
  @com.fasterxml.jackson.annotation.JsonValue
  public String wire() {
    return wire;
  }
}
