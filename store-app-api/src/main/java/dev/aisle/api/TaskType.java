package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of work a store task is; it decides which {@link TaskStatus} moves are legal. */
public enum TaskType {
  /** Pick, pack and ship an online order from the store's shelves. */
  SHIP_FROM_STORE("ship-from-store"),
  /** Pick, stage and hand over an order the customer collects in the store. */
  PICKUP("pickup"),
  /** Pick, pack and ship stock to another store that needs it for a pickup. */
  SHIP_TO_STORE("ship-to-store");

  private final String wire;

  TaskType(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static TaskType fromWire(String value) {
    for (TaskType t : values()) {
      if (t.wire.equals(value)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown task type '" + value + "'");
  }
}
