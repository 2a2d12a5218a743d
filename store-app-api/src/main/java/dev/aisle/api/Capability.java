package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a location can do for an order line. */
public enum Capability {
  SHIP("ship"),
  PICKUP("pickup"),
  SHIP_TO_STORE("ship-to-store");

  private final String wire;

  Capability(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static Capability fromWire(String value) {
    for (Capability c : values()) {
      if (c.wire.equals(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown capability '" + value + "'");
  }
}
