package dev.aisle.server.orders;

import dev.aisle.api.Order;
import dev.aisle.api.OrderStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Orders in PostgreSQL: reads of whole orders and lists. Writes of new orders go through {@link OrderWriter}. */
final class PgOrderStore {

  /** An open allocation as stored, with the row id (to release it). */
  record StoredAllocation(long id, int lineNo, String sku, String locationId, long quantity, String kind,
                          String transferTo, String status) {}

  /** An order row with its lines and allocations, as the service needs it to decide a change. */
  record StoredOrder(Order order, List<StoredAllocation> allocations, int version) {}

  private final Pool pool;

  PgOrderStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** The order with lines, allocations and (when {@code withEvents}) its timeline; null when unknown. */
  Future<StoredOrder> load(SqlClient client, UUID id, boolean forUpdate, boolean withEvents) {
    return client.preparedQuery(forUpdate ? OrderSql.ORDER_FOR_UPDATE : OrderSql.ORDER).execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row o = rows.iterator().next();
          UUID[] ids = {id};
          Future<RowSet<Row>> lines = client.preparedQuery(OrderSql.LINES).execute(Tuple.of(ids));
          Future<RowSet<Row>> allocs = client.preparedQuery(OrderSql.ALLOCATIONS).execute(Tuple.of(ids));
          Future<RowSet<Row>> events = withEvents ? client.preparedQuery(OrderSql.EVENTS).execute(Tuple.of(id))
              : Future.succeededFuture(null);
          return Future.all(lines, allocs, events).map(all -> {
            List<StoredAllocation> stored = allocations(allocs.result()).getOrDefault(id, List.of());
            Order order = order(o, lines.result(), stored, events.result());
            return new StoredOrder(order, stored, o.getInteger("version"));
          });
        });
  }

  /** Orders of a list page, with their lines and allocations (no events). */
  Future<List<Order>> orders(RowSet<Row> orderRows) {
    if (orderRows.size() == 0) {
      return Future.succeededFuture(List.of());
    }
    List<Row> rows = new ArrayList<>();
    orderRows.forEach(rows::add);
    UUID[] ids = rows.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
    Future<RowSet<Row>> lines = pool.preparedQuery(OrderSql.LINES).execute(Tuple.of(ids));
    Future<RowSet<Row>> allocs = pool.preparedQuery(OrderSql.ALLOCATIONS).execute(Tuple.of(ids));
    return Future.all(lines, allocs).map(all -> {
      Map<UUID, List<Row>> linesByOrder = new HashMap<>();
      for (Row l : lines.result()) {
        linesByOrder.computeIfAbsent(l.getUUID("order_id"), k -> new ArrayList<>()).add(l);
      }
      Map<UUID, List<StoredAllocation>> allocsByOrder = allocations(allocs.result());
      List<Order> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        UUID id = r.getUUID("id");
        out.add(order(r, linesByOrder.getOrDefault(id, List.of()), allocsByOrder.getOrDefault(id, List.of()), null));
      }
      return out;
    });
  }

  private static Map<UUID, List<StoredAllocation>> allocations(RowSet<Row> rows) {
    Map<UUID, List<StoredAllocation>> out = new HashMap<>();
    for (Row a : rows) {
      out.computeIfAbsent(a.getUUID("order_id"), k -> new ArrayList<>()).add(new StoredAllocation(a.getLong("id"),
          a.getInteger("line_no"), a.getString("sku"), a.getString("location_id"), a.getLong("quantity"),
          a.getString("kind"), a.getString("transfer_to"), a.getString("status")));
    }
    return out;
  }

  private static Order order(Row o, Iterable<Row> lineRows, List<StoredAllocation> allocs, RowSet<Row> eventRows) {
    List<Order.Line> lines = new ArrayList<>();
    for (Row l : lineRows) {
      int lineNo = l.getInteger("line_no");
      List<Order.Allocation> mine = allocs.stream().filter(a -> a.lineNo() == lineNo)
          .map(a -> new Order.Allocation(a.locationId(), a.quantity(), a.kind(), a.transferTo(), a.status()))
          .toList();
      lines.add(new Order.Line(lineNo, l.getString("sku"), l.getLong("quantity"), l.getString("method"),
          l.getString("pickup_location_id"), l.getLong("unit_price_cents"), l.getString("status"),
          l.getLong("backordered"), l.getLong("cancelled"), mine));
    }
    List<Order.Event> events = new ArrayList<>();
    if (eventRows != null) {
      for (Row e : eventRows) {
        Object detail = e.getValue("detail");
        events.add(new Order.Event(e.getOffsetDateTime("at").toInstant(), e.getString("actor"), e.getString("type"),
            detail instanceof JsonObject j ? j.getMap() : detail));
      }
    }
    JsonObject shipTo = json(o.getValue("ship_to"));
    Object rdd = o.getValue("requested_delivery");
    return new Order(o.getUUID("id").toString(), o.getString("channel"), o.getString("external_id"),
        OrderStatus.fromWire(o.getString("status")), json(o.getValue("customer")).mapTo(Order.Customer.class),
        shipTo == null ? null : shipTo.mapTo(Order.ShipTo.class), rdd == null ? null : rdd.toString(),
        o.getInteger("rules_version"), lines, events, instant(o, "created_at"), instant(o, "updated_at"));
  }

  private static JsonObject json(Object value) {
    return value == null ? null : value instanceof JsonObject j ? j : new JsonObject(value.toString());
  }

  private static Instant instant(Row r, String column) {
    return r.getOffsetDateTime(column).toInstant();
  }
}
