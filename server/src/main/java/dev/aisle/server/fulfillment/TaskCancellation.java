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
}
