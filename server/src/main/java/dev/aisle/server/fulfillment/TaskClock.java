package dev.aisle.server.fulfillment;

import dev.aisle.server.inventory.InventoryPool;
import dev.aisle.server.platform.AisleConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What time does to tasks, checked every {@code checkSeconds} on every node: a task past its due time is announced
 * late once ({@code task-late} on its store's feed); a pickup ready for longer than {@code pickupExpiryHours} is
 * expired: its stock goes back to the pool, the line is cancelled (the order too when nothing is left) and the
 * customer is told. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so nodes share the work without doing any
 * of it twice.
 */
public final class TaskClock {

  private static final Logger log = LoggerFactory.getLogger(TaskClock.class);

  private final Vertx vertx;
  private final Pool pool;
  private final StoreFeeds feeds;
  private final InventoryPool inventory;
  private final AisleConfig.Sla sla;

  public TaskClock(Vertx vertx, Pool pool, StoreFeeds feeds, InventoryPool inventory, AisleConfig.Sla sla) {
    this.vertx = vertx;
    this.pool = pool;
    this.feeds = feeds;
    this.inventory = inventory;
    this.sla = sla;
  }

  public void start() {
    long every = Math.max(1, sla.checkSeconds()) * 1_000L;
    vertx.setPeriodic(every, every, id -> tick().onFailure(e -> log.warn("checking task times: {}", e.toString())));
  }

  Future<Void> tick() {
    return late().compose(v -> expire());
  }

  private Future<Void> late() {
    List<JsonObject> events = new ArrayList<>();
    return pool.withTransaction(tx -> tx.preparedQuery(FeedSql.NEWLY_LATE).execute().compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        UUID task = r.getUUID("id");
        String store = r.getString("location_id");
        chain = chain.compose(v -> tx.preparedQuery(FeedSql.MARK_LATE).execute(Tuple.of(task)))
            .compose(v -> TaskService.announce(tx, task, store, "task-late", events));
      }
      return chain;
    })).onSuccess(v -> feeds.publishAll(events));
  }

  private Future<Void> expire() {
    List<JsonObject> events = new ArrayList<>();
    List<Row> released = new ArrayList<>();
    return pool.withTransaction(tx -> tx.preparedQuery(FeedSql.UNCOLLECTED).execute(Tuple.of(sla.pickupExpiryHours()))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (Row r : rows) {
            UUID task = r.getUUID("id");
            UUID order = r.getUUID("order_id");
            String store = r.getString("location_id");
            chain = chain.compose(v -> tx.preparedQuery(FeedSql.EXPIRE_TASK).execute(Tuple.of(task)))
                .compose(v -> tx.preparedQuery(FeedSql.RELEASE_PICKUP).execute(Tuple.of(task)))
                .compose(allocs -> {
                  Future<Void> lines = Future.succeededFuture();
                  for (Row a : allocs) {
                    released.add(a);
                    lines = lines.compose(x -> tx.preparedQuery(FeedSql.CANCEL_LINE_REST)
                        .execute(Tuple.of(order, a.getInteger("line_no"))).mapEmpty());
                  }
                  return lines;
                })
                .compose(v -> tx.preparedQuery(FeedSql.CANCEL_ORDER_IF_EMPTY).execute(Tuple.of(order)))
                .compose(v -> tx.preparedQuery(FeedSql.ORDER_EVENT).execute(Tuple.of(order, "aisle:clock",
                    "pickup-expired", new JsonObject().put("storeId", store).encode())))
                .compose(v -> tx.preparedQuery(FeedSql.INSERT_NOTIFICATION).execute(Tuple.of(order,
                    "pickup-expired", "{}", new JsonObject().put("storeId", store).encode())))
                .compose(v -> TaskService.announce(tx, task, store, "task-expired", events));
          }
          return chain;
        })).onSuccess(v -> {
          feeds.publishAll(events);
          for (Row a : released) {
            inventory.reserve(a.getString("sku"), new String[] {a.getString("location_id")},
                new long[] {-a.getLong("quantity")});
          }
        });
  }
}
