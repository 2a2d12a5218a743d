package dev.aisle.server.fulfillment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An order changed before its stores finished: its unfinished tasks are cancelled or lose a line, and the stores'
 * devices are told. Each method works inside the caller's transaction and answers the feed events to publish once
 * it has committed ({@link StoreFeeds#publishAll}).
 */
public final class TaskCancellation {

  private TaskCancellation() {}

  /** Cancels all the order's unfinished tasks. */
  public static Future<List<JsonObject>> forOrder(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(FeedSql.CANCEL_TASKS).execute(Tuple.of(orderId))
        .compose(rows -> announceAll(tx, rows, "task-cancelled"));
  }

  /** Cancels the order's unfinished ship-from-store tasks (its shipped lines are being sourced again). */
  public static Future<List<JsonObject>> shipTasks(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(FeedSql.CANCEL_SHIP_TASKS).execute(Tuple.of(orderId))
        .compose(rows -> announceAll(tx, rows, "task-cancelled"));
  }

  /**
   * Takes a cancelled line off the order's unfinished tasks: a task left empty is cancelled, the others are told
   * they changed ({@code task-changed}).
   */
  public static Future<List<JsonObject>> forLine(SqlConnection tx, UUID orderId, int lineNo) {
    List<JsonObject> events = new ArrayList<>();
    return tx.preparedQuery(FeedSql.DROP_LINE_FROM_TASKS).execute(Tuple.of(orderId, lineNo)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        UUID task = r.getUUID("id");
        String store = r.getString("location_id");
        chain = chain.compose(v -> tx.preparedQuery(FeedSql.CANCEL_TASK_IF_EMPTY).execute(Tuple.of(task)))
            .compose(cancelled -> TaskService.announce(tx, task, store,
                cancelled.size() > 0 ? "task-cancelled" : "task-changed", events));
      }
      return chain.map(events);
    });
  }

  /** One {@code type} event per task row (id, location_id), in order. */
  static Future<List<JsonObject>> announceAll(SqlConnection tx, RowSet<Row> tasks, String type) {
    List<JsonObject> events = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Row r : tasks) {
      chain = chain.compose(v -> TaskService.announce(tx, r.getUUID("id"), r.getString("location_id"), type,
          events));
    }
    return chain.map(events);
  }
}
