package dev.aisle.server.sourcing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How an allocated quantity reaches the customer: shipped from the location, picked up there, or transferred (shipped
 * from the location to the pickup store, then picked up there).
 */
public enum AllocationKind {
  SHIP("ship"),
  PICKUP("pickup"),
  TRANSFER("transfer");

  private final String wire;

  AllocationKind(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The constant for a wire name, or null when there is none (callers report the bad field). */
  public static AllocationKind fromWireOrNull(String value) {
    for (AllocationKind v : values()) {
      if (v.wire.equals(value)) {
        return v;
      }
    }
    return null;
  }

  @JsonCreator
  public static AllocationKind fromWire(String value) {
    AllocationKind v = fromWireOrNull(value);
    if (v == null) {
      throw new IllegalArgumentException("unknown allocation kind '" + value + "'");
    }
    return v;
  }
}
