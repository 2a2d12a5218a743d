package dev.aisle.server.orders;

import com.hazelcast.core.HazelcastInstance;
import dev.aisle.api.Location;
import dev.aisle.api.Order;
import dev.aisle.api.OrderStatus;
import dev.aisle.api.Role;
import dev.aisle.server.catalog.ProductCatalog;
import dev.aisle.server.fulfillment.NewTask;
import dev.aisle.server.fulfillment.StoreFeeds;
import dev.aisle.server.fulfillment.TaskPlanner;
import dev.aisle.server.inventory.InventoryPool;
import dev.aisle.server.inventory.SkuStock;
import dev.aisle.server.network.LocationDirectory;
import dev.aisle.server.network.PostalCodes;
import dev.aisle.server.platform.AisleConfig;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.Caller;
import dev.aisle.server.platform.LoopLag;
import dev.aisle.server.sourcing.Allocation;
import dev.aisle.server.sourcing.Network;
import dev.aisle.server.sourcing.Plan;
import dev.aisle.server.sourcing.RulesService;
import dev.aisle.server.sourcing.Shortfall;
import dev.aisle.server.sourcing.Sourcer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Order capture (DESIGN.md, "The hot path"): idempotency claim, sourcing on the pool's stock, atomic reservation
 * per SKU with bounded re-planning when stock moved, a hold that outlives this node until the order is durable, the
 * group-commit write, then the answer. Everything a refused order took is given back before it is answered.
 */
public final class OrderService {

  /** How many times capture plans again when stock moved between planning and reserving. */
  static final int MAX_ATTEMPTS = 3;

  /** A capture answer: the status and the JSON body a retry with the same key gets again. */
  public record Answer(int status, String body, boolean replayed, String orderId) {}

  private final InventoryPool inventory;
  private final RulesService rules;
  private final OrderRequests requests;
  private final IdempotencyKeys keys;
  private final CapacityLedger ledger;
  private final OrderWriter writer;
  private final PgOrderStore store;
  private final Network network;
  private final TaskPlanner taskPlanner;
  private final StoreFeeds feeds;
  private final int maxInFlight;
  private final long shedAfterMs;
  private final LoopLag lag;
  private final AtomicInteger inFlight = new AtomicInteger();

  public OrderService(Vertx vertx, Pool pool, HazelcastInstance hazelcast, InventoryPool inventory,
                      ProductCatalog catalog, LocationDirectory directory, PostalCodes postalCodes,
                      RulesService rules, StoreFeeds feeds, AisleConfig.Orders config,
                      LoopLag lag) {
    this.inventory = inventory;
    this.rules = rules;
    this.requests = new OrderRequests(catalog, directory, postalCodes);
    long boundMillis = config.orphanReleaseSeconds() * 1_000L;
    // A capture gives up well before the sweeper may release its hold: half the bound, at most 10 s.
    long deadline = Math.min(10_000, boundMillis / 2);
    this.keys = new IdempotencyKeys(vertx, hazelcast, inventory, config.idempotencyTtlHours() * 3_600L, boundMillis);
    this.ledger = new CapacityLedger(vertx);
    this.writer = new OrderWriter(vertx, pool, feeds, config.writerConnections(),
        config.maxBatch(),
        config.maxPendingWrites(), deadline);
    this.store = new PgOrderStore(pool);
    this.taskPlanner = new TaskPlanner(directory::get, config.sla());
    this.feeds = feeds;
    this.maxInFlight = config.maxInFlight();
    this.shedAfterMs = config.shedAfterMs();
    this.lag = lag;
    this.network = new Network() {
      @Override
      public Collection<Location> locations() {
        return directory.all();
      }

      @Override
      public Location get(String id) {
        return directory.get(id);
      }

      @Override
      public long capacityLeftToday(Location location) {
        return ledger.left(location);
      }
    };
  }

  public Future<Void> start() {
    keys.start(store.pool());
    return ledger.start(store.pool());
  }

  /** The sweep of expired holds, for tests that simulate a crash between reservation and commit. */
  Future<Integer> sweepHolds() {
    return keys.sweep(store.pool());
  }

  /** Forgets the fates of orders older than {@code olderThanMillis} now, for tests (it runs every few minutes). */
  Future<Integer> pruneFates(long olderThanMillis) {
    return keys.pruneFates(store.pool(), olderThanMillis);
  }

  IdempotencyKeys keys() {
    return keys;
  }

  StoreFeeds feeds() {
    return feeds;
  }

  TaskPlanner taskPlanner() {
    return taskPlanner;
  }

  /** Sources again what a store could not pick (for the task commands). */
  public dev.aisle.server.fulfillment.Rerouter rerouter() {
    return new OrderReroute(this, taskPlanner);
  }

  // ---------------------------------------------------------------------------------------------------- capture

  /**
   * Captures an order. Fails with a problem: 400 bad fields, 422 unknown SKU or store (or the key reused with
   * another body), 409 out of stock or the key's first request still in flight or the external id taken, 503 when
   * the node is overloaded, the writer is saturated or the database is away.
   */
  public Future<Answer> capture(Caller caller, String idempotencyKey, Buffer raw, JsonObject body) {
    // Load shedding, so that latency stays bounded: a request that the event loops got to late, or beyond
    // maxInFlight captures on this node, is answered 503 at once.
    if (shedAfterMs > 0 && lag.millis() > shedAfterMs) {
      return Future.failedFuture(ApiProblem.unavailable("this node is overloaded (its event loops run "
          + lag.millis() + " ms late); retry shortly", 1));
    }
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      return Future.failedFuture(ApiProblem.unavailable("this node has " + maxInFlight
          + " orders in progress already; retry shortly", 1));
    }
    try {
      return captureNow(caller, idempotencyKey, raw, body).onComplete(ar -> inFlight.decrementAndGet());
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      throw e;
    }
  }

  private Future<Answer> captureNow(Caller caller, String idempotencyKey, Buffer raw, JsonObject body) {
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw ApiProblem.invalidField("Idempotency-Key", "the header is required: 1 to 200 characters, unique per order");
    }
    NewOrder order = requests.parse(caller, idempotencyKey, body);
    if (!writer.accepting()) {
      // Nothing is reserved or claimed while orders cannot be written; the client retries later with the same key.
      return Future.failedFuture(ApiProblem.unavailable(
          "the database is unreachable: orders cannot be taken right now; retry shortly", 2));
    }
    Capture capture = new Capture(order, IdempotencyKeys.key(order.channel(), idempotencyKey),
        IdempotencyKeys.hash(raw), rules.active());
    Set<String> skus = new LinkedHashSet<>();
    order.lines().forEach(l -> skus.add(l.sku()));
    return inventory.forPlanning(skus).compose(stock -> attempt(capture, stock, 1));
  }

  /** One capture in progress: the order, its idempotency key (channel-scoped) and body hash, the rules it uses. */
  private record Capture(NewOrder order, String key, String hash, RulesService.Active active) {}

  /**
   * Plans on the stock known, claims the key with the plan's reservations as its hold (after a lost race: replaces
   * the hold), reserves, writes. Only a created order is remembered: when this request owns the key and is refused
   * or fails, the key is freed so that a retry may try again.
   */
  private Future<Answer> attempt(Capture c, Map<String, SkuStock> stock, int n) {
    boolean owned = n > 1;
    Plan plan = Sourcer.plan(c.active().rules(), c.order().sourcingRequest(), stock, network);
    if (!plan.accepted()) {
      // Sold out on what this node knows: refused before any reservation, claim or database work. A retry of an order
      // placed already still gets that order (or "still in progress"): its key answers, also once the stock is gone.
      if (owned) {
        return release(true, c, List.of(), outOfStock(plan));
      }
      return keys.get(c.key()).compose(existing -> existing == null ? Future.failedFuture(outOfStock(plan))
          : answerExisting(existing, c.hash()));
    }
    List<Allocation> allocations = plan.allocations();
    Future<IdempotencyKeys.Entry> claim = owned
        ? keys.hold(c.key(), c.hash(), c.order().id(), allocations).map((IdempotencyKeys.Entry) null)
        : keys.claim(c.key(), c.hash(), c.order().id(), allocations);
    return claim.compose(existing -> {
      if (existing != null) {
        return answerExisting(existing, c.hash());
      }
      return reserve(c.order().id().toString(), allocations).compose(lost -> {
        if (lost.isEmpty()) {
          return write(c, plan, stock);
        }
        List<Allocation> taken = allocations.stream().filter(a -> !lost.containsKey(a.sku())).toList();
        if (n >= MAX_ATTEMPTS) {
          return release(true, c, taken, ApiProblem.conflict(
              "out of stock: the stock moved while the order was being placed (" + n + " tries)"));
        }
        Map<String, SkuStock> fresh = new HashMap<>(stock);
        fresh.putAll(lost);
        return releaseHold(c, taken).compose(x -> attempt(c, fresh, n + 1));
      });
    });
  }

  /** What a retry gets: the order its key created, or why not (another body, or the first still in flight). */
  private Future<Answer> answerExisting(IdempotencyKeys.Entry existing, String hash) {
    if (!existing.bodyHash().equals(hash)) {
      return Future.failedFuture(ApiProblem.unprocessable("this Idempotency-Key was first used with another body;"
          + " use a new key for a new order", List.of(new dev.aisle.api.Problem.FieldError("Idempotency-Key",
          "already used with a different body"))));
    }
    if (existing.inFlight()) {
      return Future.failedFuture(ApiProblem.conflict(
          "the first request with this Idempotency-Key is still being processed; retry in a moment"));
    }
    return store.load(store.pool(), UUID.fromString(existing.orderId()), false, false)
        .map(stored -> new Answer(existing.status(), Json.encode(stored.order()), true, existing.orderId()));
  }

  /** Gives back what this capture reserved, frees its key when it owns it, and fails with {@code problem}. */
  private Future<Answer> release(boolean ownsKey, Capture c, List<Allocation> reserved, Throwable problem) {
    return releaseHold(c, reserved)
        .compose(v -> ownsKey ? keys.forget(c.key(), c.order().id()) : Future.succeededFuture())
        .transform(x -> Future.failedFuture(problem));
  }

  /** Gives back exactly what this capture reserved on the SKUs of {@code allocations} (nothing twice). */
  private Future<Void> releaseHold(Capture c, List<Allocation> allocations) {
    List<Future<Void>> released = new ArrayList<>();
    for (String sku : skus(allocations)) {
      released.add(inventory.releaseHold(sku, c.order().id().toString()));
    }
    return Future.all(released).mapEmpty();
  }

  private static Set<String> skus(List<Allocation> allocations) {
    Set<String> skus = new LinkedHashSet<>();
    allocations.forEach(a -> skus.add(a.sku()));
    return skus;
  }

  private static ApiProblem outOfStock(Plan plan) {
    StringBuilder detail = new StringBuilder("not enough stock to place the order");
    for (Shortfall s : plan.shortfalls()) {
      detail.append("; line ").append(s.lineNo()).append(": ").append(s.quantity()).append(" × ").append(s.sku())
          .append(" unavailable");
    }
    return new ApiProblem(409, "Out of stock", detail.toString(), null, null);
  }

  /**
   * Reserves each SKU's allocations with one entry processor, held for {@code orderId} when it is not null;
   * answers the fresh entries of the SKUs that lost.
   */
  private Future<Map<String, SkuStock>> reserve(String orderId, List<Allocation> allocations) {
    Map<String, Map<String, Long>> bySku = new LinkedHashMap<>();
    for (Allocation a : allocations) {
      bySku.computeIfAbsent(a.sku(), k -> new LinkedHashMap<>()).merge(a.locationId(), a.quantity(), Long::sum);
    }
    List<String> order = new ArrayList<>(bySku.keySet());
    List<Future<SkuStock>> results = new ArrayList<>(order.size());
    for (String sku : order) {
      Map<String, Long> at = bySku.get(sku);
      String[] locations = at.keySet().toArray(String[]::new);
      long[] quantities = at.values().stream().mapToLong(Long::longValue).toArray();
      results.add(orderId == null ? inventory.reserve(sku, locations, quantities)
          : inventory.reserveFor(orderId, sku, locations, quantities));
    }
    return Future.join(results).map(all -> {
      Map<String, SkuStock> lost = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        if (all.failed(i)) {
          lost.put(order.get(i), SkuStock.empty(order.get(i)));
        } else if (all.resultAt(i) != null) {
          lost.put(order.get(i), all.resultAt(i));
        }
      }
      return lost;
    });
  }

  private Future<Void> release(List<Allocation> allocations) {
    if (allocations.isEmpty()) {
      return Future.succeededFuture();
    }
    return Reservations.release(inventory, Reservations.Held.of(allocations));
  }

  private Future<Answer> write(Capture c, Plan plan, Map<String, SkuStock> stock) {
    NewOrder order = c.order();
    CapturedOrder captured = captured(order, c.active().version(), plan, stock);
    return writer.write(captured).compose(outcome -> {
      if (outcome == OrderWriter.Outcome.WRITTEN) {
        Set<String> used = new LinkedHashSet<>();
        plan.allocations().forEach(a -> used.add(a.locationId()));
        ledger.taken(used);
        Answer answer = new Answer(201, Json.encode(view(captured)), false, order.id().toString());
        // Completing the key drops the hold: the order is durable, its allocations now hold the stock; the pool
        // forgets its record of the hold shortly after, in a batch.
        return keys.complete(c.key(), c.hash(), 201, answer.orderId()).map(answer)
            .onSuccess(a -> skus(plan.allocations()).forEach(sku -> inventory.confirmHold(sku, a.orderId())));
      }
      if (outcome == OrderWriter.Outcome.ABANDONED) {
        // The sweeper gave this order up (it took longer than the bound) and released its stock and key already.
        return Future.failedFuture(ApiProblem.unavailable("the order could not be written in time; retry", 1));
      }
      return releaseHold(c, plan.allocations()).compose(v -> duplicate(order)).compose(
          answer -> keys.complete(c.key(), c.hash(), 201, answer.orderId()).map(answer),
          error -> keys.forget(c.key(), order.id()).transform(x -> Future.failedFuture(error)));
    }, error -> {
      if (error instanceof OrderWriter.OutcomeUnknown unknown) {
        // The order may have committed: its hold stays until PostgreSQL says whether it did (IdempotencyKeys).
        keys.settleLater(c.key(), order.id());
        return Future.failedFuture(unknown.problem);
      }
      return release(true, c, plan.allocations(), error);
    });
  }

  /** The order was not written: its idempotency key (after a full restart) or its external id exists already. */
  private Future<Answer> duplicate(NewOrder order) {
    return store.pool().preparedQuery(OrderSql.ORDER_BY_IDEMPOTENCY_KEY)
        .execute(io.vertx.sqlclient.Tuple.of(order.channel(), order.idempotencyKey())).compose(rows -> {
          if (rows.size() > 0) {
            return store.load(store.pool(), rows.iterator().next().getUUID(0), false, false)
                .map(stored -> new Answer(201, Json.encode(stored.order()), true, stored.order().id()));
          }
          return store.pool().preparedQuery(OrderSql.ORDER_BY_EXTERNAL_ID)
              .execute(io.vertx.sqlclient.Tuple.of(order.channel(), order.externalId()))
              .compose(found -> Future.failedFuture(ApiProblem.conflict("externalId " + order.externalId()
                  + " is already used on channel " + order.channel()
                  + (found.size() > 0 ? " by order " + found.iterator().next().getUUID(0) : ""))));
        });
  }

  /** The order as the writer takes it; {@code stock} (what it was planned on) gives its task lines their bins. */
  CapturedOrder captured(NewOrder order, int rulesVersion, Plan plan, Map<String, SkuStock> stock) {
    List<CapturedOrder.LineOutcome> outcomes = new ArrayList<>();
    boolean backordered = false;
    for (NewOrder.NewLine l : order.lines()) {
      long allocated = plan.allocations().stream().filter(a -> a.lineNo() == l.lineNo())
          .mapToLong(Allocation::quantity).sum();
      long back = 0;
      long cancelled = 0;
      for (Shortfall s : plan.shortfalls()) {
        if (s.lineNo() == l.lineNo()) {
          if ("backorder".equals(s.outcome())) {
            back += s.quantity();
          } else {
            cancelled += s.quantity();
          }
        }
      }
      backordered |= back > 0;
      String status = cancelled == l.quantity() ? "cancelled" : allocated == l.quantity() ? "allocated"
          : allocated == 0 && back > 0 ? "backordered" : "partly-allocated";
      outcomes.add(new CapturedOrder.LineOutcome(l.lineNo(), status, back, cancelled));
    }
    List<NewTask> tasks = taskPlanner.plan(order.id(), order.externalId(), order.createdAt(), plan.allocations(), lineNo -> {
      NewOrder.NewLine line = order.lines().get(lineNo - 1);
      return new TaskPlanner.Product(line.name(), line.upc());
    }, (sku, location) -> {
      SkuStock s = stock.get(sku);
      return s == null ? null : s.binAt(location);
    });
    return new CapturedOrder(order, backordered ? OrderStatus.BACKORDERED : OrderStatus.ALLOCATED, outcomes,
        plan.allocations(), rulesVersion, StoredDecision.encode(plan.decision()), tasks);
  }

  /** The capture answer, built from what was written (no read back). */
  static Order view(CapturedOrder c) {
    NewOrder n = c.order();
    List<Order.Line> lines = new ArrayList<>();
    for (int i = 0; i < n.lines().size(); i++) {
      NewOrder.NewLine l = n.lines().get(i);
      CapturedOrder.LineOutcome out = c.lines().get(i);
      List<Order.Allocation> allocs = c.allocations().stream().filter(a -> a.lineNo() == l.lineNo())
          .map(a -> new Order.Allocation(a.locationId(), a.quantity(), a.kind().wire(), a.transferTo(), "open"))
          .toList();
      lines.add(new Order.Line(l.lineNo(), l.sku(), l.quantity(), l.method(), l.pickupLocationId(),
          l.unitPriceCents(), out.status(), out.backordered(), out.cancelled(), allocs));
    }
    Instant at = n.createdAt();
    return new Order(n.id().toString(), n.channel(), n.externalId(), c.status(), n.customer(), n.shipTo(),
        n.requestedDeliveryDate(), c.rulesVersion(), lines, List.of(), at, at);
  }

  /**
   * Plans an order against live stock without reserving or writing anything. {@code body} is an order (externalId
   * and customer may be left out) and may carry {@code rules}: a draft rule set to try instead of the active one.
   */
  public Future<JsonObject> simulate(Caller caller, JsonObject body) {
    JsonObject order = body.copy();
    Object draft = order.remove("rules");
    if (draft != null && !(draft instanceof JsonObject)) {
      throw ApiProblem.invalidField("rules", "must be a rule set document");
    }
    if (!order.containsKey("externalId")) {
      order.put("externalId", "simulation");
    }
    if (!order.containsKey("customer")) {
      order.put("customer", new JsonObject().put("id", "simulation").put("name", "Simulation"));
    }
    if (caller.role() != Role.STOREFRONT && !order.containsKey("channel")) {
      order.put("channel", "simulation");
    }
    NewOrder parsed = requests.parse(caller, "simulation", order);
    RulesService.Active active = rules.active();
    dev.aisle.server.sourcing.RuleSet ruleSet = draft == null ? active.rules()
        : dev.aisle.server.sourcing.RuleSet.parse((JsonObject) draft);
    Set<String> skus = new LinkedHashSet<>();
    parsed.lines().forEach(l -> skus.add(l.sku()));
    return inventory.getAll(skus).map(stock -> {
      Plan plan = Sourcer.plan(ruleSet, parsed.sourcingRequest(), stock, network);
      return new JsonObject(Json.encode(plan)).put("rulesVersion", draft == null ? active.version() : null)
          .put("draft", draft != null);
    });
  }

  // ---------------------------------------------------------------------------------------------------- reads

  /** The order with its timeline; 404 when unknown or not the caller's (a storefront sees only its channel). */
  public Future<Order> get(Caller caller, String id) {
    return visible(caller, id, true).map(PgOrderStore.StoredOrder::order);
  }

  private Future<PgOrderStore.StoredOrder> visible(Caller caller, String id, boolean withEvents) {
    UUID uuid = uuid(id);
    return store.load(store.pool(), uuid, false, withEvents).compose(stored -> {
      if (stored == null || (caller.role() == Role.STOREFRONT && !stored.order().channel().equals(caller.channel()))) {
        return Future.failedFuture(ApiProblem.notFound("no order " + id));
      }
      return Future.succeededFuture(stored);
    });
  }

  static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("no order " + id);
    }
  }

  PgOrderStore store() {
    return store;
  }

  Network network() {
    return network;
  }

  RulesService rules() {
    return rules;
  }

  InventoryPool inventory() {
    return inventory;
  }

  OrderRequests requests() {
    return requests;
  }

  Future<Void> releaseHeld(List<Reservations.Held> held) {
    return Reservations.release(inventory, held);
  }

  Future<Map<String, SkuStock>> reserveAll(List<Allocation> allocations) {
    return reserve(null, allocations);
  }

  Future<Void> releaseAll(List<Allocation> allocations) {
    return release(allocations);
  }
}
