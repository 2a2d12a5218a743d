package dev.aisle.server.sourcing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the customer receives an order line: shipped to them, or collected at a store. */
public enum Method {
  SHIP("ship"),
  PICKUP("pickup");

  private final String wire;

  Method(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The constant for a wire name, or null when there is none (callers report the bad field). */
  public static Method fromWireOrNull(String value) {
    for (Method v : values()) {
      if (v.wire.equals(value)) {
        return v;
      }
    }
    return null;
  }

  @JsonCreator
  public static Method fromWire(String value) {
    Method v = fromWireOrNull(value);
    if (v == null) {
      throw new IllegalArgumentException("unknown method '" + value + "'");
    }
    return v;
  }
}
