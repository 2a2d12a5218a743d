package dev.aisle.server.fulfillment;

import dev.aisle.api.FeedProtocol;
import dev.aisle.api.Role;
import dev.aisle.server.inventory.InventoryPool;
import dev.aisle.server.platform.Access;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.Caller;
import dev.aisle.server.platform.Ids;
import dev.aisle.server.platform.PageParams;
import dev.aisle.server.platform.Responses;
import dev.aisle.server.platform.Validation;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A store's tasks and its live feed, for the associates and managers of that store (and admins). */
public final class TaskRoutes {

  private final Vertx vertx;
  private final Pool pool;
  private final StoreFeeds feeds;
  private final TaskService tasks;

  private final dev.aisle.server.platform.AisleConfig.Feed feedConfig;

  public TaskRoutes(Vertx vertx, Pool pool, StoreFeeds feeds, InventoryPool inventory, Rerouter rerouter,
                    dev.aisle.server.platform.AisleConfig.Feed feedConfig) {
    this.feedConfig = feedConfig;
    this.vertx = vertx;
    this.pool = pool;
    this.feeds = feeds;
    this.tasks = new TaskService(vertx, pool, feeds, inventory, rerouter);
  }

  public void mount(Router router) {
    router.get("/api/v1/stores/:storeId/tasks").handler(Access.require(Role.ADMIN, Role.STORE_MANAGER,
        Role.ASSOCIATE)).handler(this::tasks);
    router.get("/api/v1/stores/:storeId/feed").handler(Access.require(Role.ADMIN, Role.STORE_MANAGER,
        Role.ASSOCIATE)).handler(this::feed);
    router.get("/api/v1/tasks/:id").handler(Access.require(Role.ADMIN, Role.STORE_MANAGER, Role.ASSOCIATE))
        .handler(ctx -> tasks.task(Access.caller(ctx), ctx.pathParam("id"))
            .onSuccess(t -> Responses.json(ctx, 200, t)).onFailure(ctx::fail));
    router.post("/api/v1/tasks/:id/pack").handler(BodyHandler.create().setBodyLimit(16 * 1024))
        .handler(Access.require(Role.ADMIN, Role.STORE_MANAGER, Role.ASSOCIATE)).handler(this::pack);
    router.post("/api/v1/tasks/:id/short").handler(BodyHandler.create().setBodyLimit(16 * 1024))
        .handler(Access.require(Role.ADMIN, Role.STORE_MANAGER, Role.ASSOCIATE))
        .handler(ctx -> tasks.shortPick(Access.caller(ctx), ctx.pathParam("id"),
            ctx.request().getHeader("Idempotency-Key"), Validation.body(ctx))
            .onSuccess(t -> Responses.json(ctx, 200, t)).onFailure(ctx::fail));
    router.get("/api/v1/tasks/:id/label").handler(Access.require(Role.ADMIN, Role.STORE_MANAGER, Role.ASSOCIATE))
        .handler(this::label);
    router.get("/api/v1/tasks/:id/packing-slip").handler(Access.require(Role.ADMIN, Role.STORE_MANAGER,
        Role.ASSOCIATE)).handler(this::packingSlip);
    for (String command : List.of("claim", "release", "pick", "stage", "ready", "handover", "ship", "receive")) {
      router.post("/api/v1/tasks/:id/" + command).handler(BodyHandler.create().setBodyLimit(16 * 1024))
          .handler(Access.require(Role.ADMIN, Role.STORE_MANAGER, Role.ASSOCIATE))
          .handler(ctx -> command(ctx, command));
    }
  }

  private void pack(RoutingContext ctx) {
    tasks.pack(Access.caller(ctx), ctx.pathParam("id"), ctx.request().getHeader("Idempotency-Key"),
        Validation.body(ctx)).onSuccess(t -> Responses.json(ctx, 200, t)).onFailure(ctx::fail);
  }

  private void label(RoutingContext ctx) {
    int parcel;
    try {
      parcel = Integer.parseInt(ctx.queryParams().get("parcel") == null ? "1" : ctx.queryParams().get("parcel"));
    } catch (NumberFormatException e) {
      throw ApiProblem.invalidField("parcel", "must be a parcel number");
    }
    tasks.label(Access.caller(ctx), ctx.pathParam("id"), parcel).onSuccess(pdf -> pdf(ctx, pdf, "label"))
        .onFailure(ctx::fail);
  }

  private void packingSlip(RoutingContext ctx) {
    tasks.packingSlip(Access.caller(ctx), ctx.pathParam("id")).onSuccess(pdf -> pdf(ctx, pdf, "packing-slip"))
        .onFailure(ctx::fail);
  }

  private static void pdf(RoutingContext ctx, io.vertx.core.buffer.Buffer pdf, String name) {
    ctx.response().putHeader("content-type", "application/pdf")
        .putHeader("content-disposition", "inline; filename=\"" + name + "-" + ctx.pathParam("id") + ".pdf\"")
        .end(pdf);
  }

  private void command(RoutingContext ctx, String command) {
    JsonObject body = ctx.body() == null || ctx.body().length() <= 0 ? new JsonObject() : Validation.body(ctx);
    tasks.command(Access.caller(ctx), ctx.pathParam("id"), ctx.request().getHeader("Idempotency-Key"), command, body)
        .onSuccess(t -> Responses.json(ctx, 200, t)).onFailure(ctx::fail);
  }

  private String store(RoutingContext ctx) {
    String storeId = Ids.require("storeId", ctx.pathParam("storeId"));
    Caller caller = Access.caller(ctx);
    Access.checkLocation(caller, storeId);
    return storeId;
  }

  private void tasks(RoutingContext ctx) {
    String storeId = store(ctx);
    boolean all = "true".equals(ctx.queryParams().get("all"));
    int limit = PageParams.limit(ctx, 100, 500);
    OffsetDateTime afterDue = null;
    UUID afterId = null;
    String cursor = ctx.queryParams().get("cursor");
    if (cursor != null) {
      try {
        int bar = cursor.indexOf('|');
        afterDue = OffsetDateTime.parse(cursor.substring(0, bar));
        afterId = UUID.fromString(cursor.substring(bar + 1));
      } catch (RuntimeException e) {
        throw ApiProblem.invalidField("cursor", "is not a cursor from a previous page");
      }
    }
    pool.preparedQuery(FeedSql.TASKS).execute(Tuple.of(storeId, all, afterDue, afterId, limit + 1)).map(rows -> {
      List<JsonObject> items = new ArrayList<>();
      for (Row r : rows) {
        items.add(task(r));
      }
      boolean more = items.size() > limit;
      List<JsonObject> page = more ? items.subList(0, limit) : items;
      String next = more ? page.get(page.size() - 1).getString("dueAt") + "|" + page.get(page.size() - 1)
          .getString("id") : null;
      return new JsonObject().put("items", new JsonArray(page)).put("nextCursor", next);
    }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
  }

  static JsonObject task(Row r) {
    Object lines = r.getValue("lines");
    return new JsonObject().put("id", r.getUUID("id").toString()).put("orderId", r.getUUID("order_id").toString())
        .put("orderNumber", r.getString("order_number"))
        .put("storeId", r.getString("location_id")).put("type", r.getString("type"))
        .put("status", r.getString("status")).put("dueAt", r.getOffsetDateTime("due_at").toInstant().toString())
        .put("late", r.getBoolean("late")).put("claimedBy", r.getString("claimed_by"))
        .put("lines", lines instanceof JsonArray a ? a : new JsonArray(String.valueOf(lines)))
        .put("transferTo", r.getString("transfer_to")).put("transferFrom", r.getString("transfer_from"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
  }

  /** Upgrades to the store's feed; {@code after} is the last seq the device saw (0: from the start). */
  private void feed(RoutingContext ctx) {
    String storeId = store(ctx);
    long after;
    try {
      after = Long.parseLong(ctx.queryParams().get(FeedProtocol.QUERY_AFTER) == null ? "0"
          : ctx.queryParams().get(FeedProtocol.QUERY_AFTER));
    } catch (NumberFormatException e) {
      throw ApiProblem.invalidField(FeedProtocol.QUERY_AFTER, "must be the last seq seen, a whole number");
    }
    if (after < 0) {
      throw ApiProblem.invalidField(FeedProtocol.QUERY_AFTER, "must not be negative");
    }
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("upgrade"))) {
      throw ApiProblem.badRequest("this is a WebSocket: open it with an Upgrade: websocket request", List.of());
    }
    ctx.request().toWebSocket().onSuccess(ws -> new FeedSocket(vertx, feeds, ws, storeId, after, feedConfig).start())
        .onFailure(ctx::fail);
  }
}
