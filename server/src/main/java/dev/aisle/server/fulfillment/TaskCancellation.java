package dev.aisle.server.fulfillment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An order cancelled before its stores finished: its tasks still to do are cancelled and the stores are told. */
public final class TaskCancellation {

  private TaskCancellation() {}

  /**
   * Cancels the order's unfinished tasks inside the caller's transaction; answers the feed events to publish once it
   * has committed ({@link StoreFeeds#publishAll}).
   */
  public static Future<List<JsonObject>> forOrder(SqlConnection tx, UUID orderId) {
    List<JsonObject> events = new ArrayList<>();
    return tx.preparedQuery(FeedSql.CANCEL_TASKS).execute(Tuple.of(orderId)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        UUID task = r.getUUID("id");
        String store = r.getString("location_id");
        chain = chain.compose(v -> tx.preparedQuery(FeedSql.TASK).execute(Tuple.of(task)))
            .compose(t -> TaskService.appendEvent(tx, store, "task-cancelled", TaskRoutes.task(t.iterator().next())))
            .map(e -> {
              events.add(e);
              return null;
            });
      }
      return chain.map(events);
    });
  }

  /**
   * Takes a cancelled line off the order's unfinished tasks: a task left empty is cancelled, the others are told
   * they changed ({@code task-changed}). Answers the feed events to publish after the commit.
   */
  public static Future<List<JsonObject>> forLine(SqlConnection tx, UUID orderId, int lineNo) {
    List<JsonObject> events = new ArrayList<>();
    return tx.preparedQuery(FeedSql.DROP_LINE_FROM_TASKS).execute(Tuple.of(orderId, lineNo)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        UUID task = r.getUUID("id");
        String store = r.getString("location_id");
        chain = chain.compose(v -> tx.preparedQuery(FeedSql.CANCEL_TASK_IF_EMPTY).execute(Tuple.of(task)))
            .compose(cancelled -> tx.preparedQuery(FeedSql.TASK).execute(Tuple.of(task))
                .compose(t -> TaskService.appendEvent(tx, store, cancelled.size() > 0 ? "task-cancelled"
                    : "task-changed", TaskRoutes.task(t.iterator().next()))))
            .map(e -> {
              events.add(e);
              return null;
            });
      }
      return chain.map(events);
    });
  }

  /** Cancels the order's unfinished ship-from-store tasks (its shipped lines are being sourced again). */
  public static Future<List<JsonObject>> shipTasks(SqlConnection tx, UUID orderId) {
    List<JsonObject> events = new ArrayList<>();
    return tx.preparedQuery(FeedSql.CANCEL_SHIP_TASKS).execute(Tuple.of(orderId)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        UUID task = r.getUUID("id");
        String store = r.getString("location_id");
        chain = chain.compose(v -> tx.preparedQuery(FeedSql.TASK).execute(Tuple.of(task)))
            .compose(t -> TaskService.appendEvent(tx, store, "task-cancelled", TaskRoutes.task(t.iterator().next())))
            .map(e -> {
              events.add(e);
              return null;
            });
      }
      return chain.map(events);
    });
  }
}
