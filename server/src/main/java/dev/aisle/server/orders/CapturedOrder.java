package dev.aisle.server.orders;

import dev.aisle.api.OrderStatus;
import dev.aisle.server.sourcing.Allocation;

import java.util.List;

/**
 * An order that holds its stock and waits to be made durable: the request, the plan's allocations, each line's
 * outcome, and the routing decision as JSON.
 */
record CapturedOrder(NewOrder order, OrderStatus status, List<LineOutcome> lines, List<Allocation> allocations,
                     int rulesVersion, String decisionJson) {

  /** What capture decided for a line: {@code allocated}, {@code partly-allocated}, {@code backordered}... */
  record LineOutcome(int lineNo, String status, long backordered, long cancelled) {}
}
