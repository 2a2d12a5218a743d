package dev.aisle.server.orders;

import dev.aisle.api.Order;
import dev.aisle.server.fulfillment.NewTask;
import dev.aisle.server.fulfillment.Rerouter;
import dev.aisle.server.fulfillment.TaskInserts;
import dev.aisle.server.fulfillment.TaskPlanner;
import dev.aisle.server.network.GeoPoint;
import dev.aisle.server.sourcing.Allocation;
import dev.aisle.server.sourcing.Filter;
import dev.aisle.server.sourcing.LineRequest;
import dev.aisle.server.sourcing.Plan;
import dev.aisle.server.sourcing.RuleSet;
import dev.aisle.server.sourcing.RulesService;
import dev.aisle.server.sourcing.Shortage;
import dev.aisle.server.sourcing.Sourcer;
import dev.aisle.server.sourcing.SourcingRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Sources again the units a store could not pick: the order's rule set, without that store, for a shipped line to
 * the order's address. Found → a new allocation and a new task at that store (its devices hear it), the decision
 * stored with the order; not found → the line is backordered or cancelled as the rule set says, and the customer
 * is told (outbox).
 */
final class OrderReroute implements Rerouter {

  private final OrderService orders;
  private final TaskPlanner planner;

  OrderReroute(OrderService orders, TaskPlanner planner) {
    this.orders = orders;
    this.planner = planner;
  }

  @Override
  public Future<String> reroute(UUID orderId, int lineNo, String sku, long quantity, String notFrom, String actor) {
    PgOrderStore store = orders.store();
    return store.load(store.pool(), orderId, false, false).compose(stored -> {
      Order order = stored.order();
      RulesService.Active active = orders.rules().active();
      RuleSet rules = without(active.rules(), notFrom);
      GeoPoint to = order.shipTo() == null || order.shipTo().lat() == null ? null
          : new GeoPoint(order.shipTo().lat(), order.shipTo().lon());
      Set<String> skus = new LinkedHashSet<>(List.of(sku));
      return orders.inventory().getAll(skus).compose(stock -> {
        Plan plan = to == null ? null : Sourcer.plan(rules, new SourcingRequest(to, List.of(LineRequest.ship(lineNo,
            sku, quantity, orders.requests().unitWeightKg(sku)))), stock, orders.network());
        if (plan == null || !plan.accepted() || plan.allocations().isEmpty()) {
          return unfilled(order, lineNo, sku, quantity, rules.shortage(), actor);
        }
        return orders.reserveAll(plan.allocations()).compose(lost -> lost.isEmpty()
            ? write(order, plan, active.version(), notFrom, actor)
            : orders.releaseAll(plan.allocations().stream().filter(a -> !lost.containsKey(a.sku())).toList())
                .compose(v -> unfilled(order, lineNo, sku, quantity, rules.shortage(), actor)));
      });
    });
  }

  /** The rule set with {@code location} added to its excluded locations. */
  private static RuleSet without(RuleSet rules, String location) {
    List<Filter> filters = new ArrayList<>();
    Set<String> excluded = new LinkedHashSet<>();
    for (Filter f : rules.filters()) {
      if (Filter.EXCLUDE_LOCATIONS.equals(f.type())) {
        excluded.addAll(f.locations());
      } else {
        filters.add(f);
      }
    }
    excluded.add(location);
    filters.add(Filter.excludeLocations(List.copyOf(excluded)));
    return new RuleSet(rules.name(), rules.maxSplits(), rules.shortage(), rules.pickupTransfers(), filters,
        rules.scores(), rules.rates());
  }

  private Future<String> write(Order order, Plan plan, int rulesVersion, String notFrom, String actor) {
    UUID id = UUID.fromString(order.id());
    List<NewTask> tasks = planner.plan(id, order.externalId(), Instant.now(), plan.allocations(),
        lineNo -> orders.requests().taskProduct(order.line(lineNo).sku()), TaskPlanner.BINS_FROM_TABLE);
    Allocation first = plan.allocations().get(0);
    String where = first.locationId();
    List<JsonObject> events = new ArrayList<>();
    return orders.store().pool().withTransaction(tx -> {
      return tx.preparedQuery(OrderSql.INSERT_ALLOCATIONS).execute(OrderSql.allocations(id, plan.allocations()))
          .compose(v -> tx.preparedQuery(OrderSql.INSERT_ROUTING).execute(Tuple.of(id, rulesVersion,
              "short pick at " + notFrom, StoredDecision.encode(plan.decision()))))
          .compose(v -> tx.preparedQuery(OrderSql.INSERT_EVENT).execute(Tuple.of(id, actor, "re-routed",
              new JsonObject().put("from", notFrom).put("to", where).put("sku", first.sku())
                  .put("quantity", first.quantity()).encode())))
          .compose(v -> TaskInserts.insert(tx, tasks)).map(e -> {
            events.addAll(e);
            return null;
          });
    }).onSuccess(v -> orders.feeds().publishAll(events))
        .recover(e -> orders.releaseAll(plan.allocations()).transform(x -> Future.failedFuture(e)))
        .map("sourced again from " + where);
  }

  /** Nowhere has it: the line follows the rule set, and the customer is told. */
  private Future<String> unfilled(Order order, int lineNo, String sku, long quantity, Shortage shortage,
                                  String actor) {
    UUID id = UUID.fromString(order.id());
    boolean backorder = shortage == Shortage.BACKORDER;
    return orders.store().pool().withTransaction(tx -> tx.preparedQuery(OrderSql.LINE_SHORT)
            .execute(Tuple.of(id, lineNo, quantity, backorder))
            .compose(v -> tx.preparedQuery(OrderSql.CANCEL_IF_EMPTY).execute(Tuple.of(id)))
            .compose(v -> tx.preparedQuery(OrderSql.INSERT_EVENT).execute(Tuple.of(id, actor,
                backorder ? "backordered" : "line-shorted", new JsonObject().put("lineNo", lineNo).put("sku", sku)
                    .put("quantity", quantity).encode())))
            .compose(v -> tx.preparedQuery(OrderSql.INSERT_NOTIFICATION).execute(Tuple.of(id, "item-unavailable",
                JsonObject.mapFrom(order.customer()).encode(), new JsonObject().put("lineNo", lineNo)
                    .put("sku", sku).put("quantity", quantity).put("outcome", backorder ? "backordered" : "cancelled")
                    .encode()))))
        .map(v -> backorder ? "backordered: no other location has it" : "cancelled: no other location has it");
  }
}
