package dev.aisle.server.orders;

import dev.aisle.api.OrderStatus;
import dev.aisle.server.fulfillment.NewTask;
import dev.aisle.server.sourcing.Allocation;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * An order that holds its stock and waits to be made durable: the request, the plan's allocations, each line's
 * outcome, the routing decision as stored ({@link StoredDecision}), and the store tasks it creates.
 */
record CapturedOrder(NewOrder order, OrderStatus status, List<LineOutcome> lines, List<Allocation> allocations,
                     int rulesVersion, Buffer decision, List<NewTask> tasks) {

  /** What capture decided for a line: {@code allocated}, {@code partly-allocated}, {@code backordered}... */
  record LineOutcome(int lineNo, String status, long backordered, long cancelled) {}
}
