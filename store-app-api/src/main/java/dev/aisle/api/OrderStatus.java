package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its life. The allowed moves are listed here, once: anything else is an illegal transition
 * (the server answers 409).
 */
public enum OrderStatus {
  ALLOCATED("allocated"),
  BACKORDERED("backordered"),
  IN_FULFILMENT("in-fulfilment"),
  PARTLY_SHIPPED("partly-shipped"),
  SHIPPED("shipped"),
  READY_FOR_PICKUP("ready-for-pickup"),
  PICKED_UP("picked-up"),
  COMPLETED("completed"),
  CANCELLED("cancelled");

  private final String wire;

  OrderStatus(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The statuses this one may move to. */
  public Set<OrderStatus> next() {
    return switch (this) {
      case ALLOCATED -> EnumSet.of(BACKORDERED, IN_FULFILMENT, READY_FOR_PICKUP, CANCELLED);
      case BACKORDERED -> EnumSet.of(ALLOCATED, IN_FULFILMENT, CANCELLED);
      case IN_FULFILMENT -> EnumSet.of(PARTLY_SHIPPED, SHIPPED, READY_FOR_PICKUP, BACKORDERED, CANCELLED);
      case PARTLY_SHIPPED -> EnumSet.of(SHIPPED, READY_FOR_PICKUP, COMPLETED);
      case SHIPPED -> EnumSet.of(COMPLETED);
      case READY_FOR_PICKUP -> EnumSet.of(PICKED_UP, CANCELLED, PARTLY_SHIPPED);
      case PICKED_UP -> EnumSet.of(COMPLETED);
      case COMPLETED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
    };
  }

  public boolean canMoveTo(OrderStatus target) {
    return next().contains(target);
  }

  /** Before any store has started on it: the order can still be re-sourced (e.g. a new ship-to address). */
  public boolean beforeFulfilment() {
    return this == ALLOCATED || this == BACKORDERED;
  }

  /** Cancelling is refused once anything has left a location. */
  public boolean cancellable() {
    return canMoveTo(CANCELLED);
  }

  @JsonCreator
  public static OrderStatus fromWire(String value) {
    for (OrderStatus s : values()) {
      if (s.wire.equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown order status '" + value + "'");
  }
}
