package dev.aisle.server.fulfillment;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A task to create with its order: at {@code locationId}, of {@code type}, starting in {@code status}, due at
 * {@code dueAt}; {@code orderNumber} is the number the customer knows (the order's external id). {@link #payload} is the
 * task as devices see it (the body of its first feed event).
 */
public record NewTask(UUID id, UUID orderId, String orderNumber, String locationId, String type, String status, String transferTo,
                      String transferFrom, Instant dueAt, Instant createdAt, List<Line> lines) {

  /** One order line's part of the task, with the SKU's bin at the store (null when none is known). */
  public record Line(int lineNo, String sku, String name, String upc, long quantity, String bin) {}

  /** The task in the shape of {@code dev.aisle.api.Task}. */
  public JsonObject payload() {
    List<JsonObject> items = lines.stream().map(l -> new JsonObject().put("lineNo", l.lineNo()).put("sku", l.sku())
        .put("name", l.name()).put("upc", l.upc()).put("quantity", l.quantity()).put("picked", 0)
        .put("bin", l.bin())).toList();
    return new JsonObject().put("id", id.toString()).put("orderId", orderId.toString()).put("orderNumber", orderNumber)
        .put("storeId", locationId)
        .put("type", type).put("status", status).put("dueAt", dueAt.toString()).put("late", false)
        .putNull("claimedBy").put("lines", items).put("transferTo", transferTo).put("transferFrom", transferFrom)
        .put("createdAt", createdAt.toString()).put("updatedAt", createdAt.toString());
  }
}
