package dev.aisle.server.orders;

import dev.aisle.api.Order;
import dev.aisle.api.OrderStatus;
import dev.aisle.api.Page;
import dev.aisle.api.Role;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.Caller;
import dev.aisle.server.platform.Validation;
import dev.aisle.server.sourcing.Allocation;
import dev.aisle.server.sourcing.LineRequest;
import dev.aisle.server.sourcing.Method;
import dev.aisle.server.sourcing.Plan;
import dev.aisle.server.sourcing.RulesService;
import dev.aisle.server.sourcing.Sourcer;
import dev.aisle.server.sourcing.SourcingRequest;
import dev.aisle.server.fulfillment.TaskCancellation;
import dev.aisle.server.fulfillment.TaskInserts;
import dev.aisle.server.fulfillment.TaskPlanner;
import dev.aisle.server.network.GeoPoint;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What customer service does to an order after capture: list and search, read the routing decisions, cancel the
 * order or a line (stock goes back to the pool), change the ship-to address before fulfilment starts (the shipped
 * lines are sourced again and the new decision is stored). Each change is one transaction that locks the order
 * row; the pool is released only after it commits.
 */
public final class OrderLifecycle {

  /** The list filters; null means any. */
  public record Filter(String status, String sku, String customer, String channel, String location, Instant from,
                       Instant to) {}

  private final OrderService orders;
  private final PgOrderStore store;

  public OrderLifecycle(OrderService orders) {
    this.orders = orders;
    this.store = orders.store();
  }

  public Future<Page<Order>> list(Caller caller, Filter f, String cursor, int limit) {
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    String channel = caller.role() == Role.STOREFRONT ? caller.channel() : f.channel();
    if (channel != null) {
      params.addString(channel);
      where.add("o.channel = $" + params.size());
    }
    if (f.status() != null) {
      params.addString(f.status());
      where.add("o.status = $" + params.size());
    }
    if (f.customer() != null) {
      params.addString(f.customer());
      where.add("o.customer_id = $" + params.size());
    }
    if (f.sku() != null) {
      params.addString(f.sku());
      where.add("EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.sku = $" + params.size() + ")");
    }
    if (f.location() != null) {
      params.addString(f.location());
      where.add("EXISTS (SELECT 1 FROM allocations a WHERE a.order_id = o.id AND (a.location_id = $" + params.size()
          + " OR a.transfer_to = $" + params.size() + "))");
    }
    if (f.from() != null) {
      params.addOffsetDateTime(f.from().atOffset(ZoneOffset.UTC));
      where.add("o.created_at >= $" + params.size());
    }
    if (f.to() != null) {
      params.addOffsetDateTime(f.to().atOffset(ZoneOffset.UTC));
      where.add("o.created_at < $" + params.size());
    }
    if (cursor != null) {
      params.addUUID(cursorId(cursor));
      where.add("o.id < $" + params.size());
    }
    params.addInteger(limit + 1);
    String sql = "SELECT o.id, o.channel, o.external_id, o.status, o.customer, o.ship_to, o.requested_delivery,"
        + " o.rules_version, o.created_at, o.updated_at, o.version FROM orders o"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY o.id DESC LIMIT $" + params.size();
    return store.pool().preparedQuery(sql).execute(params).compose(store::orders).map(list -> {
      boolean more = list.size() > limit;
      List<Order> page = more ? list.subList(0, limit) : list;
      return new Page<>(page, more ? page.get(page.size() - 1).id() : null);
    });
  }

  private static UUID cursorId(String cursor) {
    try {
      return UUID.fromString(cursor);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalidField("cursor", "is not a cursor from a previous page");
    }
  }

  /** Every sourcing decision of the order, oldest first. */
  public Future<JsonObject> routing(Caller caller, String id) {
    return orders.get(caller, id).compose(order -> store.pool().preparedQuery(OrderSql.ROUTING)
        .execute(Tuple.of(UUID.fromString(order.id()))).map(rows -> {
          List<JsonObject> decisions = new ArrayList<>();
          for (Row r : rows) {
            decisions.add(new JsonObject().put("seq", r.getInteger("seq"))
                .put("at", r.getOffsetDateTime("at").toInstant().toString())
                .put("reason", r.getString("reason")).put("rulesVersion", r.getInteger("rules_version"))
                .put("decision", StoredDecision.decode(r.getBuffer("decision"))));
          }
          JsonObject latest = decisions.isEmpty() ? null : decisions.get(decisions.size() - 1);
          return new JsonObject().put("orderId", order.id()).put("status", order.status().wire())
              .put("current", latest).put("history", decisions);
        }));
  }

  /**
   * The messages written for the order's customer (the outbox, oldest first): what the storefront sends them and
   * what customer service can read back, e.g. the pickup code of a ready pickup.
   */
  public Future<JsonObject> notifications(Caller caller, String id) {
    return orders.get(caller, id).compose(order -> store.pool().preparedQuery(OrderSql.NOTIFICATIONS)
        .execute(Tuple.of(UUID.fromString(order.id()))).map(rows -> {
          List<JsonObject> items = new ArrayList<>();
          for (Row r : rows) {
            items.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
                .put("recipient", json(r.getValue("recipient"))).put("payload", json(r.getValue("payload")))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("sentAt", r.getOffsetDateTime("sent_at") == null ? null
                    : r.getOffsetDateTime("sent_at").toInstant().toString()));
          }
          return new JsonObject().put("orderId", order.id()).put("items", new JsonArray(items));
        }));
  }

  private static JsonObject json(Object value) {
    return value instanceof JsonObject j ? j : new JsonObject(String.valueOf(value));
  }

  // ---------------------------------------------------------------------------------------------------- cancel

  public Future<Order> cancel(Caller caller, String id, String reason) {
    java.util.concurrent.atomic.AtomicReference<List<JsonObject>> taskEvents =
        new java.util.concurrent.atomic.AtomicReference<>(List.of());
    return change(caller, id, (conn, stored) -> {
      OrderStatus status = stored.order().status();
      if (!status.cancellable()) {
        return Future.failedFuture(ApiProblem.conflict("order " + id + " is " + status.wire()
            + " and can no longer be cancelled"));
      }
      List<Integer> all = stored.order().lines().stream().map(Order.Line::lineNo).toList();
      return cancelLines(conn, caller, stored, all, OrderStatus.CANCELLED, reason)
          .compose(released -> TaskCancellation.forOrder(conn, UUID.fromString(id)).map(events -> {
            taskEvents.set(events);
            return released;
          }));
    }).onSuccess(order -> orders.feeds().publishAll(taskEvents.get()));
  }

  public Future<Order> cancelLine(Caller caller, String id, int lineNo, String reason) {
    java.util.concurrent.atomic.AtomicReference<List<JsonObject>> taskEvents =
        new java.util.concurrent.atomic.AtomicReference<>(List.of());
    return change(caller, id, (conn, stored) -> {
      OrderStatus status = stored.order().status();
      Order.Line line = stored.order().lines().stream().filter(l -> l.lineNo() == lineNo).findFirst().orElse(null);
      if (line == null) {
        return Future.failedFuture(ApiProblem.notFound("order " + id + " has no line " + lineNo));
      }
      if (!status.cancellable() || "cancelled".equals(line.status()) || "shipped".equals(line.status())) {
        return Future.failedFuture(ApiProblem.conflict("line " + lineNo + " of order " + id + " is "
            + ("cancelled".equals(line.status()) ? "already cancelled" : status.wire() + " and can no longer be cancelled")));
      }
      boolean last = stored.order().lines().stream()
          .allMatch(l -> l.lineNo() == lineNo || "cancelled".equals(l.status()));
      return cancelLines(conn, caller, stored, List.of(lineNo), last ? OrderStatus.CANCELLED : null, reason)
          .compose(released -> TaskCancellation.forLine(conn, UUID.fromString(id), lineNo).map(events -> {
            taskEvents.set(events);
            return released;
          }));
    }).onSuccess(order -> orders.feeds().publishAll(taskEvents.get()));
  }

  private Future<List<Reservations.Held>> cancelLines(SqlConnection conn, Caller caller,
      PgOrderStore.StoredOrder stored, List<Integer> lines, OrderStatus newStatus, String reason) {
    UUID id = UUID.fromString(stored.order().id());
    Integer[] nos = lines.toArray(Integer[]::new);
    List<Reservations.Held> released = new ArrayList<>();
    return conn.preparedQuery(OrderSql.RELEASE_ALLOCATIONS).execute(Tuple.of(id).addArrayOfInteger(nos)).compose(rows -> {
      for (Row r : rows) {
        released.add(new Reservations.Held(r.getString(0), r.getString(1), r.getLong(2)));
      }
      return conn.preparedQuery(OrderSql.CANCEL_LINES).execute(Tuple.of(id).addArrayOfInteger(nos));
    }).compose(v -> newStatus == null ? Future.succeededFuture()
        : conn.preparedQuery(OrderSql.SET_STATUS).execute(Tuple.of(id, newStatus.wire())).mapEmpty())
        .compose(v -> conn.preparedQuery(OrderSql.INSERT_EVENT).execute(Tuple.of(id, caller.actor(),
            newStatus == OrderStatus.CANCELLED ? "cancelled" : "line-cancelled",
            new JsonObject().put("lines", lines).put("reason", reason).encode())))
        .map(released);
  }

  // ---------------------------------------------------------------------------------------------------- ship-to

  /** A new ship-to address: the shipped lines are sourced again from it; refused once fulfilment has started. */
  public Future<Order> changeShipTo(Caller caller, String id, JsonObject body) {
    Validation v = new Validation();
    Order.ShipTo shipTo = OrderRequests.shipTo(new JsonObject().put("shipTo", body), v);
    v.throwIfInvalid();
    Order.ShipTo placed = orders.requests().place(shipTo);
    return orders.get(caller, id).compose(current -> {
      if (!current.status().beforeFulfilment()) {
        return Future.failedFuture(ApiProblem.conflict("order " + id + " is " + current.status().wire()
            + ": the ship-to address can only change before fulfilment starts"));
      }
      List<Order.Line> shipped = current.lines().stream()
          .filter(l -> "ship".equals(l.method()) && !"cancelled".equals(l.status())).toList();
      if (shipped.isEmpty()) {
        return Future.failedFuture(ApiProblem.conflict("order " + id + " has no line to ship"));
      }
      RulesService.Active active = orders.rules().active();
      List<LineRequest> requests = shipped.stream().map(l -> new LineRequest(l.lineNo(), l.sku(),
          l.quantity() - l.cancelled(), Method.SHIP, null, orders.requests().unitWeightKg(l.sku()))).toList();
      Set<String> skus = new LinkedHashSet<>();
      shipped.forEach(l -> skus.add(l.sku()));
      return orders.inventory().getAll(skus).compose(stock -> {
        Plan plan = Sourcer.plan(active.rules(), new SourcingRequest(new GeoPoint(placed.lat(), placed.lon()),
            requests), stock, orders.network());
        if (!plan.accepted()) {
          return Future.failedFuture(new ApiProblem(409, "Out of stock",
              "the order cannot be sourced for the new address; it keeps the old one", null, null));
        }
        return orders.reserveAll(plan.allocations()).compose(lost -> {
          if (!lost.isEmpty()) {
            List<Allocation> taken = plan.allocations().stream().filter(a -> !lost.containsKey(a.sku())).toList();
            return orders.releaseAll(taken).compose(x -> Future.failedFuture(ApiProblem.conflict(
                "stock moved while the order was being sourced again; retry")));
          }
          return applyShipTo(caller, id, current, placed, shipped, plan, active)
              .recover(e -> orders.releaseAll(plan.allocations()).transform(x -> Future.failedFuture(e)));
        });
      });
    });
  }

  private Future<Order> applyShipTo(Caller caller, String id, Order before, Order.ShipTo shipTo,
                                    List<Order.Line> shipped, Plan plan, RulesService.Active active) {
    java.util.concurrent.atomic.AtomicReference<List<JsonObject>> shipToEvents =
        new java.util.concurrent.atomic.AtomicReference<>(List.of());
    CapturedOrder.LineOutcome[] outcomes = outcomes(shipped, plan);
    OrderStatus status = java.util.Arrays.stream(outcomes).anyMatch(o -> o.backordered() > 0)
        ? OrderStatus.BACKORDERED : OrderStatus.ALLOCATED;
    return change(caller, id, (conn, stored) -> {
      if (!stored.order().updatedAt().equals(before.updatedAt())) {
        return Future.failedFuture(ApiProblem.conflict("order " + id + " changed meanwhile; retry"));
      }
      UUID uuid = UUID.fromString(id);
      Integer[] nos = shipped.stream().map(Order.Line::lineNo).toArray(Integer[]::new);
      List<Reservations.Held> released = new ArrayList<>();
      Future<?> chain = conn.preparedQuery(OrderSql.RELEASE_ALLOCATIONS).execute(Tuple.of(uuid).addArrayOfInteger(nos)).map(rows -> {
        for (Row r : rows) {
          released.add(new Reservations.Held(r.getString(0), r.getString(1), r.getLong(2)));
        }
        return null;
      }).compose(x -> conn.preparedQuery(OrderSql.INSERT_ALLOCATIONS)
          .execute(OrderSql.allocations(uuid, plan.allocations())))
          .compose(x -> conn.preparedQuery(OrderSql.SET_SHIP_TO).execute(Tuple.of(uuid, Json.encode(shipTo),
              shipTo.lat(), shipTo.lon(), status.wire())));
      for (CapturedOrder.LineOutcome o : outcomes) {
        chain = chain.compose(x -> conn.preparedQuery(OrderSql.SET_LINE)
            .execute(Tuple.of(uuid, o.lineNo(), o.status(), o.backordered(), o.cancelled())));
      }
      return chain.compose(x -> conn.preparedQuery(OrderSql.INSERT_ROUTING)
              .execute(Tuple.of(uuid, active.version(), "ship-to changed", StoredDecision.encode(plan.decision()))))
          .compose(x -> conn.preparedQuery(OrderSql.INSERT_EVENT).execute(Tuple.of(uuid, caller.actor(),
              "ship-to-changed", new JsonObject().put("shipTo", JsonObject.mapFrom(shipTo))
                  .put("allocations", plan.allocations().size()).encode())))
          // The old stores' ship tasks are cancelled, the new stores get theirs.
          .compose(x -> TaskCancellation.shipTasks(conn, uuid))
          .compose(cancelled -> TaskInserts.insert(conn, orders.taskPlanner().plan(uuid, before.externalId(),
              java.time.Instant.now(), plan.allocations(),
              lineNo -> orders.requests().taskProduct(before.line(lineNo).sku()), TaskPlanner.BINS_FROM_TABLE))
              .map(created -> {
                List<JsonObject> all = new java.util.ArrayList<>(cancelled);
                all.addAll(created);
                shipToEvents.set(all);
                return released;
              }));
    }).onSuccess(order -> orders.feeds().publishAll(shipToEvents.get()));
  }

  private static CapturedOrder.LineOutcome[] outcomes(List<Order.Line> lines, Plan plan) {
    CapturedOrder.LineOutcome[] out = new CapturedOrder.LineOutcome[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      Order.Line l = lines.get(i);
      long qty = l.quantity() - l.cancelled();
      long allocated = plan.allocations().stream().filter(a -> a.lineNo() == l.lineNo())
          .mapToLong(Allocation::quantity).sum();
      long back = plan.shortfalls().stream().filter(s -> s.lineNo() == l.lineNo() && "backorder".equals(s.outcome()))
          .mapToLong(s -> s.quantity()).sum();
      String status = allocated == qty ? "allocated" : allocated == 0 && back > 0 ? "backordered" : "partly-allocated";
      out[i] = new CapturedOrder.LineOutcome(l.lineNo(), status, back, l.cancelled());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------- plumbing

  private interface Change {
    Future<List<Reservations.Held>> apply(SqlConnection conn, PgOrderStore.StoredOrder stored);
  }

  /**
   * Runs a change in one transaction on the locked order (404 when the caller may not see it), then gives what it
   * released back to the pool and answers the order as it is now.
   */
  private Future<Order> change(Caller caller, String id, Change change) {
    UUID uuid = OrderService.uuid(id);
    return store.pool().withTransaction(conn -> store.load(conn, uuid, true, false).compose(stored -> {
      if (stored == null || (caller.role() == Role.STOREFRONT
          && !stored.order().channel().equals(caller.channel()))) {
        return Future.failedFuture(ApiProblem.notFound("no order " + id));
      }
      return change.apply(conn, stored);
    })).compose(orders::releaseHeld).compose(v -> orders.get(caller, id));
  }

  static Instant parseInstant(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (RuntimeException e) {
      try {
        return java.time.LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (RuntimeException e2) {
        throw ApiProblem.invalidField(field, "must be a date (2026-11-27) or a timestamp (2026-11-27T06:00:00Z)");
      }
    }
  }
}
