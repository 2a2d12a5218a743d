package dev.aisle.server.sourcing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happens to quantity the plan cannot place: the whole order is rejected, the rest is backordered, or the rest
 * is cancelled and the order ships what is available (rejected only when nothing at all can be placed).
 */
public enum Shortage {
  REJECT("reject"),
  BACKORDER("backorder"),
  SHIP_AVAILABLE("ship-available");

  private final String wire;

  Shortage(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The constant for a wire name, or null when there is none (callers report the bad field). */
  public static Shortage fromWireOrNull(String value) {
    for (Shortage v : values()) {
      if (v.wire.equals(value)) {
        return v;
      }
    }
    return null;
  }

  @JsonCreator
  public static Shortage fromWire(String value) {
    Shortage v = fromWireOrNull(value);
    if (v == null) {
      throw new IllegalArgumentException("unknown shortage '" + value + "'");
    }
    return v;
  }
}
