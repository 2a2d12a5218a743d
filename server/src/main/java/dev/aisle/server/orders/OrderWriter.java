package dev.aisle.server.orders;

import dev.aisle.server.fulfillment.NewTask;
import dev.aisle.server.fulfillment.StoreFeeds;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.sourcing.Allocation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The group-commit writer: captured orders queue here and are written many per statement (one implicit transaction
 * each), with up to {@code connections} statements in flight. A batch is sent as soon as a connection is free, so
 * under light load an order commits alone and under heavy load batches grow by themselves. Callers hear back only
 * after the commit. Everything runs on the writer's own context; callers on any event loop get their answer on
 * their own context.
 *
 * <p>When more than {@code maxPending} orders wait, new ones are refused at once with 503 (load shedding, so latency
 * stays bounded); an order that waited past its deadline is refused rather than written, so that a reservation
 * released by the orphan sweeper is never committed late.
 *
 * <p>When the database cannot be reached, a statement that was sent may or may not have committed: its orders fail
 * with {@link OutcomeUnknown} (their holds must be settled against PostgreSQL, not released). From then on the
 * writer is {@linkplain #accepting() not accepting}: orders still queued are refused without being sent, capture
 * answers 503 before reserving anything, and a probe every {@value #PROBE_MS} ms finds the database back.
 */
final class OrderWriter {

  /**
   * The outcome of one order: written; skipped because its external id or key already exists on its channel; or
   * skipped because the orphan sweeper gave it up first (it had waited longer than the bound; its stock is released).
   */
  enum Outcome { WRITTEN, DUPLICATE, ABANDONED }

  private static final Logger log = LoggerFactory.getLogger(OrderWriter.class);
  static final long PROBE_MS = 500;

  /** The statement carrying the order was sent and failed without an answer: it may have committed or not. */
  static final class OutcomeUnknown extends RuntimeException {
    final ApiProblem problem;

    OutcomeUnknown(ApiProblem problem, Throwable cause) {
      super(problem.getMessage(), cause, false, false);
      this.problem = problem;
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final StoreFeeds feed;
  private final Context context;
  private final int connections;
  private final int maxBatch;
  private final int maxPending;
  private final long deadlineMillis;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean databaseDown;

  private record Pending(CapturedOrder order, long deadline, CompletableFuture<Outcome> result) {}

  OrderWriter(Vertx vertx, Pool pool, StoreFeeds feed, int connections, int maxBatch, int maxPending,
              long deadlineMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.feed = feed;
    this.context = vertx.getOrCreateContext();
    this.connections = connections;
    this.maxBatch = maxBatch;
    this.maxPending = maxPending;
    this.deadlineMillis = deadlineMillis;
  }

  /** Queues an order; completes once it is durable (or known to be a duplicate). */
  Future<Outcome> write(CapturedOrder order) {
    if (pending.get() >= maxPending) {
      return Future.failedFuture(ApiProblem.unavailable("too many orders waiting to be written; retry shortly", 1));
    }
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Outcome> result = new CompletableFuture<>();
    Pending p = new Pending(order, System.currentTimeMillis() + deadlineMillis, result);
    pending.incrementAndGet();
    context.runOnContext(v -> {
      queue.add(p);
      drain();
    });
    return Future.fromCompletionStage(result, caller);
  }

  int pending() {
    return pending.get();
  }

  /** False while the database is known to be unreachable (capture then refuses orders before reserving). */
  boolean accepting() {
    return !databaseDown;
  }

  private void drain() {
    while (inFlight < connections && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
      long now = System.currentTimeMillis();
      while (batch.size() < maxBatch && !queue.isEmpty()) {
        Pending p = queue.poll();
        if (databaseDown) {
          finish(p, null, unreachable());
        } else if (p.deadline < now) {
          finish(p, null, ApiProblem.unavailable("the order could not be written in time; retry", 1));
        } else {
          batch.add(p);
        }
      }
      if (batch.isEmpty()) {
        return;
      }
      Tuple params;
      Map<UUID, JsonObject> payloads = new HashMap<>();
      try {
        params = params(batch, payloads);
      } catch (RuntimeException e) {
        log.error("cannot build the statement for {} orders", batch.size(), e);
        ApiProblem problem = ApiProblem.unavailable("orders cannot be written right now; retry shortly", 2);
        batch.forEach(p -> finish(p, null, problem));
        continue;
      }
      inFlight++;
      pool.preparedQuery(OrderSql.INSERT_BATCH).execute(params).onComplete(ar -> {
        inFlight--;
        if (ar.succeeded()) {
          Set<UUID> written = new HashSet<>();
          Set<UUID> abandoned = new HashSet<>();
          for (Row row : ar.result()) {
            String kind = row.getString("kind");
            if ("order".equals(kind)) {
              written.add(row.getUUID("order_id"));
            } else if ("abandoned".equals(kind)) {
              abandoned.add(row.getUUID("order_id"));
            } else {
              try {
                feed.published(row, payloads.get(row.getUUID("task_id")));
              } catch (RuntimeException e) {
                // Devices catch up from the table when they reconnect; the orders are committed either way.
                log.warn("publishing a feed event failed: {}", e.toString());
              }
            }
          }
          for (Pending p : batch) {
            UUID id = p.order.order().id();
            finish(p, written.contains(id) ? Outcome.WRITTEN
                : abandoned.contains(id) ? Outcome.ABANDONED : Outcome.DUPLICATE, null);
          }
        } else {
          log.warn("writing {} orders failed: {}", batch.size(), ar.cause().toString());
          Throwable failure = failure(ar.cause());
          batch.forEach(p -> finish(p, null, failure));
        }
        drain();
      });
    }
  }

  /**
   * What a failed statement means for its orders. PostgreSQL refused it: nothing was written. No connection could
   * be made: nothing was sent. Anything else (the connection closed or broke while the statement ran): unknown, and
   * the database is taken as down until the probe reaches it.
   */
  private Throwable failure(Throwable cause) {
    if (cause instanceof io.vertx.pgclient.PgException pg && !pg.getSqlState().startsWith("57")
        && !pg.getSqlState().startsWith("08")) {
      return ApiProblem.unavailable("orders cannot be written right now; retry shortly", 2);
    }
    down(cause);
    if (cause instanceof java.net.ConnectException) {
      return unreachable();
    }
    return new OutcomeUnknown(unreachable(), cause);
  }

  private static ApiProblem unreachable() {
    return ApiProblem.unavailable("the database is unreachable: orders cannot be taken right now; retry shortly", 2);
  }

  /** Marks the database down and probes it until it answers (on the writer's context). */
  private void down(Throwable cause) {
    if (databaseDown) {
      return;
    }
    databaseDown = true;
    log.error("the database is unreachable ({}): capture answers 503 until it is back", cause.toString());
    long started = System.currentTimeMillis();
    vertx.setPeriodic(PROBE_MS, PROBE_MS, id -> pool.query("SELECT 1").execute().onSuccess(rows -> {
      if (vertx.cancelTimer(id)) {
        databaseDown = false;
        log.warn("the database is reachable again after {} ms: capture resumes", System.currentTimeMillis() - started);
      }
    }));
  }

  private void finish(Pending p, Outcome outcome, Throwable error) {
    pending.decrementAndGet();
    if (error != null) {
      p.result.completeExceptionally(error);
    } else {
      p.result.complete(outcome);
    }
  }

  /** The statement's parameters; {@code payloads} receives each new task's feed payload, to publish after commit. */
  private static Tuple params(List<Pending> batch, Map<UUID, JsonObject> payloads) {
    Cols o = new Cols();
    Cols l = new Cols();
    Cols a = new Cols();
    Cols e = new Cols();
    Cols r = new Cols();
    Cols tk = new Cols();
    Cols tl = new Cols();
    Cols fp = new Cols();
    for (Pending p : batch) {
      CapturedOrder c = p.order;
      NewOrder n = c.order();
      o.add(n.id(), n.channel(), n.externalId(), n.idempotencyKey(), n.customer().id(), Json.encode(n.customer()),
          n.shipTo() == null ? null : Json.encode(n.shipTo()), n.shipTo() == null ? null : n.shipTo().lat(),
          n.shipTo() == null ? null : n.shipTo().lon(), c.status().wire(), n.requestedDeliveryDate(),
          c.rulesVersion(), n.createdBy(), n.createdAt().atOffset(ZoneOffset.UTC));
      for (int i = 0; i < n.lines().size(); i++) {
        NewOrder.NewLine line = n.lines().get(i);
        CapturedOrder.LineOutcome out = c.lines().get(i);
        l.add(n.id(), line.lineNo(), line.sku(), line.quantity(), line.method(), line.pickupLocationId(),
            line.unitPriceCents(), out.backordered(), out.cancelled(), out.status());
      }
      for (Allocation al : c.allocations()) {
        a.add(n.id(), al.lineNo(), al.sku(), al.locationId(), al.quantity(), al.kind().wire(), al.transferTo());
      }
      e.add(n.id(), n.createdBy(), "created", new JsonObject().put("channel", n.channel())
          .put("externalId", n.externalId()).encode());
      e.add(n.id(), "aisle:sourcing", c.status().wire(), new JsonObject()
          .put("allocations", c.allocations().size()).put("rulesVersion", c.rulesVersion()).encode());
      r.add(n.id(), c.rulesVersion(), c.decision());
      for (NewTask task : c.tasks()) {
        tk.add(task.id(), n.id(), task.locationId(), task.type(), task.status(), task.transferTo(),
            task.transferFrom(), task.dueAt().atOffset(ZoneOffset.UTC));
        for (NewTask.Line line : task.lines()) {
          tl.add(task.id(), line.lineNo(), line.sku(), line.quantity());
        }
        JsonObject payload = task.payload();
        payloads.put(task.id(), payload);
        fp.add(task.id(), payload.encode());
      }
    }
    Tuple t = Tuple.tuple();
    o.into(t, UUID[]::new, String[]::new, String[]::new, String[]::new, String[]::new, String[]::new, String[]::new,
        Double[]::new, Double[]::new, String[]::new, String[]::new, Integer[]::new, String[]::new,
        java.time.OffsetDateTime[]::new);
    l.into(t, UUID[]::new, Integer[]::new, String[]::new, Long[]::new, String[]::new, String[]::new, Long[]::new,
        Long[]::new, Long[]::new, String[]::new);
    a.into(t, UUID[]::new, Integer[]::new, String[]::new, String[]::new, Long[]::new, String[]::new, String[]::new);
    e.into(t, UUID[]::new, String[]::new, String[]::new, String[]::new);
    r.into(t, UUID[]::new, Integer[]::new, io.vertx.core.buffer.Buffer[]::new);
    tk.into(t, UUID[]::new, UUID[]::new, String[]::new, String[]::new, String[]::new, String[]::new, String[]::new,
        java.time.OffsetDateTime[]::new);
    tl.into(t, UUID[]::new, Integer[]::new, String[]::new, Long[]::new);
    fp.into(t, UUID[]::new, String[]::new);
    return t;
  }

  /** Column-wise accumulation of rows, turned into one typed array parameter per column. */
  private static final class Cols {
    private final List<Object[]> rows = new ArrayList<>();

    void add(Object... values) {
      rows.add(values);
    }

    @SafeVarargs
    final void into(Tuple tuple, java.util.function.IntFunction<? extends Object[]>... arrays) {
      for (int c = 0; c < arrays.length; c++) {
        Object[] column = arrays[c].apply(rows.size());
        for (int i = 0; i < rows.size(); i++) {
          column[i] = rows.get(i)[c];
        }
        tuple.addValue(column);
      }
    }
  }
}
