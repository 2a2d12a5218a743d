package dev.aisle.server.fulfillment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Writes tasks made after capture (a re-route) with their first feed events, inside the caller's transaction. */
public final class TaskInserts {

  private TaskInserts() {}

  /** Answers the feed events to publish once the transaction has committed ({@link StoreFeeds#publishAll}). */
  public static Future<List<JsonObject>> insert(SqlConnection tx, List<NewTask> tasks) {
    List<JsonObject> events = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (NewTask t : tasks) {
      chain = chain.compose(v -> tx.preparedQuery(FeedSql.INSERT_TASK).execute(Tuple.of(t.id(), t.orderId(),
              t.locationId(), t.type(), t.status(), t.transferTo()).addValue(t.transferFrom())
              .addOffsetDateTime(t.dueAt().atOffset(ZoneOffset.UTC))))
          .compose(v -> {
            Future<Void> lines = Future.succeededFuture();
            for (NewTask.Line l : t.lines()) {
              lines = lines.compose(x -> tx.preparedQuery(FeedSql.INSERT_TASK_LINE)
                  .execute(Tuple.of(t.id(), l.lineNo(), l.sku(), l.quantity())).mapEmpty());
            }
            return lines;
          })
          // the first event carries the task as stored (its lines with their bins at the store)
          .compose(v -> tx.preparedQuery(FeedSql.TASK).execute(Tuple.of(t.id())))
          .compose(rows -> TaskService.appendEvent(tx, t.locationId(), "task-created",
              TaskRoutes.task(rows.iterator().next())))
          .map(e -> {
            events.add(e);
            return null;
          });
    }
    return chain.map(events);
  }
}
