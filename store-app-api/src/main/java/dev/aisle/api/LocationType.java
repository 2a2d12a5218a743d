package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A shop customers walk into, or a distribution center that only ships. */
public enum LocationType {
  STORE("store"),
  DC("dc");

  private final String wire;

  LocationType(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static LocationType fromWire(String value) {
    for (LocationType t : values()) {
      if (t.wire.equals(value)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown location type '" + value + "'");
  }
}
