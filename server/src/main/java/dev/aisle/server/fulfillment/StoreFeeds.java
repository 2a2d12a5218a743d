package dev.aisle.server.fulfillment;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Each store's ordered feed of task events. The events are rows of {@code store_feed} (written in the same statement
 * as what they announce); once committed they are published on the clustered event bus at
 * {@link #address(String)}, so a device connected to any node hears them. A device that was away replays from the
 * table what it missed.
 */
public final class StoreFeeds {

  private final Vertx vertx;
  private final Pool pool;

  public StoreFeeds(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Local address telling this node's feed sockets to read their store's table again. */
  static final String RESYNC = "aisle.feed.resync";

  /** The event-bus address of a store's live feed. */
  public static String address(String storeId) {
    return "aisle.feed." + storeId;
  }

  /** Publishes a committed task-created row (location_id, seq, at, task_id, order_id) with its task's payload. */
  public void published(Row row, JsonObject task) {
    vertx.eventBus().publish(address(row.getString("location_id")), event(row, "task-created", task));
  }

  /** Publishes a committed feed event. */
  void publish(JsonObject event) {
    vertx.eventBus().publish(address(event.getString("storeId")), event);
  }

  /**
   * A node left the cluster: events it committed just before it died may never have been published, and a device
   * live on this node would not notice the gap until its store's next event. Every feed socket of this node reads
   * its store's table again.
   */
  public void resync() {
    vertx.eventBus().publish(RESYNC, null, new DeliveryOptions().setLocalOnly(true));
  }

  /** Publishes committed feed events, in order. */
  public void publishAll(List<JsonObject> events) {
    events.forEach(this::publish);
  }

  /** Events of the store after {@code afterSeq}, in order, at most {@code limit}. */
  public Future<List<JsonObject>> after(String storeId, long afterSeq, int limit) {
    return pool.preparedQuery(FeedSql.AFTER).execute(Tuple.of(storeId, afterSeq, limit)).map(rows -> {
      List<JsonObject> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(event(r, r.getString("type")));
      }
      return out;
    });
  }

  /** A feed event in the shape of {@code dev.aisle.api.FeedEvent}. */
  static JsonObject event(Row row, String type) {
    Object payload = row.getValue("payload");
    return event(row, type, payload instanceof JsonObject j ? j : new JsonObject(String.valueOf(payload)));
  }

  private static JsonObject event(Row row, String type, JsonObject task) {
    return new JsonObject().put("storeId", row.getString("location_id")).put("seq", row.getLong("seq"))
        .put("at", row.getOffsetDateTime("at").toInstant().toString()).put("type", type)
        .put("taskId", row.getUUID("task_id").toString()).put("orderId", row.getUUID("order_id").toString())
        .put("task", task);
  }
}
