package dev.aisle.server.sourcing;

public enum Method {
  SHIP("ship"), PICKUP("pickup");
  private final String wire;
  Method(String wire) {
    this.wire = wire;
  }
  @com.fasterxml.jackson.annotation.JsonValue
  public String wire() {
    return wire;
  }
}
