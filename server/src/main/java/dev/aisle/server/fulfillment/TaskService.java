package dev.aisle.server.fulfillment;

import dev.aisle.api.Role;
import dev.aisle.api.TaskStatus;
import dev.aisle.api.TaskType;
import dev.aisle.server.inventory.InventoryPool;
import dev.aisle.server.inventory.StockRow;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.Caller;
import dev.aisle.server.platform.Validation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;

/**
 * What associates do to tasks. Each command is one transaction on the locked task: it checks the caller (their own
 * store), the step against the task's state machine ({@link TaskStatus#next}: an illegal step is 409), applies it,
 * appends the event to the store's feed, and remembers the answer under the request's idempotency key, so a retry
 * gets the same answer. The feed event is published once the transaction has committed.
 */
public final class TaskService {

  /**
   * A command's effect: the task's new status and claimant, the feed event type, and what the pool must learn after
   * the commit (stock that left the store, reservations that are now fulfilled).
   */
  private record Step(TaskStatus status, String claimedBy, String event, List<StockRow> stock,
                      List<Row> fulfilled, String[] release, List<String[]> holds) {
    Step(TaskStatus status, String claimedBy, String event) {
      this(status, claimedBy, event, List.of(), List.of(), null, List.of());
    }

    Step(TaskStatus status, String claimedBy, String event, List<StockRow> stock, List<Row> fulfilled) {
      this(status, claimedBy, event, stock, fulfilled, null, List.of());
    }

    /** Also gives {@code quantity} of the SKU's reservation at the location back after the commit. */
    Step withRelease(String sku, String location, long quantity) {
      return new Step(status, claimedBy, event, stock, fulfilled, new String[] {sku, location,
          Long.toString(quantity)}, holds);
    }
  }

  private final Pool pool;
  private final StoreFeeds feeds;
  private final InventoryPool inventory;
  private final Shipping shipping;
  private final Rerouter rerouter;

  public TaskService(io.vertx.core.Vertx vertx, Pool pool, StoreFeeds feeds, InventoryPool inventory,
                     Rerouter rerouter) {
    this.pool = pool;
    this.feeds = feeds;
    this.inventory = inventory;
    this.shipping = new Shipping(vertx, pool);
    this.rerouter = rerouter;
  }

  /**
   * A short pick: the missing units are not on the shelf. On-hand at the store goes down by them, the task and the
   * allocation shrink, and once that has committed the missing quantity is sourced again elsewhere (a new task at
   * the next best store, explained on the order) or, when nowhere has it, follows the rule set (backorder or
   * cancel, with a customer notification). The answer is the task, with {@code rerouted} saying what happened.
   */
  public Future<JsonObject> shortPick(Caller caller, String id, String key, JsonObject body) {
    Validation v = new Validation();
    int lineNo = (int) v.integer(body, "lineNo", 1, 1_000);
    long missing = v.integer(body, "missing", 1, 10_000);
    String reason = v.optionalString(body, "reason", 200, "not on the shelf");
    v.throwIfInvalid();
    Object[] shortOf = new Object[4];
    return command(caller, id, key, "short", body.copy().put("lineNo", lineNo).put("missing", missing)
        .put("reason", reason).put("_capture", true), shortOf).compose(task -> {
          if (shortOf[0] == null) {
            return Future.succeededFuture(task);
          }
          return rerouter.reroute((UUID) shortOf[0], lineNo, (String) shortOf[1], missing, (String) shortOf[2],
              caller.actor()).map(what -> task.put("rerouted", what));
        });
  }

  /**
   * Picked → packed: the parcels are booked with the carrier first (outside the transaction: it may block), then the
   * step is recorded with the shipment. Parcels over the carrier's limits are 422.
   */
  public Future<JsonObject> pack(Caller caller, String id, String key, JsonObject body) {
    List<dev.aisle.server.fulfillment.shipping.Parcel> parcels = Shipping.parcels(body);
    return task(caller, id).compose(t -> !"picked".equals(t.getString("status"))
        ? command(caller, id, key, "pack", new JsonObject())
        : shipping.book(uuid(id), parcels).compose(shipment -> command(caller, id, key, "pack",
            new JsonObject().put("shipment", shipment)).map(task -> task.put("shipment", shipment))));
  }

  /** The shipping label of a packed task's parcel (1-based), as a PDF. */
  public Future<io.vertx.core.buffer.Buffer> label(Caller caller, String id, int parcel) {
    return task(caller, id).compose(t -> shipping.label(uuid(id), parcel - 1));
  }

  /** The packing slip of a task, as a PDF. */
  public Future<io.vertx.core.buffer.Buffer> packingSlip(Caller caller, String id) {
    return task(caller, id).compose(t -> shipping.packingSlip(uuid(id), t.getJsonArray("lines").stream()
        .map(o -> (JsonObject) o).map(l -> new dev.aisle.server.fulfillment.shipping.PackingSlip.Item(
            l.getString("sku"), l.getString("name"), l.getString("upc"), l.getLong("quantity"))).toList()));
  }

  public Future<JsonObject> task(Caller caller, String id) {
    UUID uuid = uuid(id);
    return pool.preparedQuery(FeedSql.TASK).execute(Tuple.of(uuid)).map(rows -> {
      if (rows.size() == 0) {
        throw ApiProblem.notFound("no task " + id);
      }
      JsonObject task = TaskRoutes.task(rows.iterator().next());
      if (!caller.mayAccessLocation(task.getString("storeId"))) {
        throw ApiProblem.forbidden("this task belongs to another store");
      }
      return task;
    });
  }

  /**
   * Runs {@code command} (claim, release, pick, stage, ready, handover, ship) on the task; {@code key} may be null
   * (no replay).
   */
  public Future<JsonObject> command(Caller caller, String id, String key, String command, JsonObject body) {
    return command(caller, id, key, command, body, new Object[4]);
  }

  private Future<JsonObject> command(Caller caller, String id, String key, String command, JsonObject body,
                                     Object[] shortOf) {
    UUID uuid = uuid(id);
    JsonObject[] event = new JsonObject[1];
    Step[] applied = new Step[1];
    return pool.withTransaction(tx -> replay(tx, uuid, key).compose(previous -> {
      if (previous != null) {
        return Future.succeededFuture(previous);
      }
      return tx.preparedQuery(FeedSql.LOCK_TASK).execute(Tuple.of(uuid)).compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(ApiProblem.notFound("no task " + id));
        }
        Row t = rows.iterator().next();
        String store = t.getString("location_id");
        if (!caller.mayAccessLocation(store) || !(caller.role().storeBound() || caller.role() == Role.ADMIN)) {
          return Future.failedFuture(ApiProblem.forbidden("this task belongs to another store"));
        }
        TaskType type = TaskType.fromWire(t.getString("type"));
        TaskStatus status = TaskStatus.fromWire(t.getString("status"));
        String claimedBy = t.getString("claimed_by");
        if (!"claim".equals(command) && !"release".equals(command) && caller.role() == Role.ASSOCIATE
            && claimedBy != null && !claimedBy.equals(caller.subject())) {
          return Future.failedFuture(ApiProblem.conflict("the task is claimed by " + claimedBy));
        }
        Future<Step> step = switch (command) {
          case "claim" -> Future.succeededFuture(claim(caller, type, status, claimedBy));
          case "release" -> Future.succeededFuture(release(caller, status, claimedBy));
          case "pick" -> pick(tx, caller, uuid, type, status, claimedBy, body);
          case "stage" -> Future.succeededFuture(move(type, status, TaskStatus.STAGED, claimedBy, "task-staged"));
          case "ready" -> ready(tx, caller, uuid, type, status, claimedBy, t);
          case "handover" -> handover(tx, caller, uuid, type, status, claimedBy, body);
          case "ship" -> ship(tx, caller, uuid, type, status, claimedBy);
          case "pack" -> packed(tx, uuid, type, status, claimedBy, body.getJsonObject("shipment"));
          case "receive" -> receive(tx, caller, uuid, type, status, claimedBy, t.getString("location_id"));
          case "short" -> shortPicked(tx, caller, uuid, type, status, claimedBy, body, shortOf);
          default -> Future.failedFuture(ApiProblem.notFound("no command " + command));
        };
        return step.compose(s -> {
          applied[0] = s;
          return "claim".equals(command) ? inFulfilment(tx, uuid).map(s) : Future.succeededFuture(s);
        }).compose(s -> tx.preparedQuery(FeedSql.UPDATE_TASK)
                .execute(Tuple.of(uuid, s.status().wire(), s.claimedBy()))
                .compose(v -> tx.preparedQuery(FeedSql.TASK).execute(Tuple.of(uuid)))
                .map(r -> TaskRoutes.task(r.iterator().next()))
                .compose(task -> appendEvent(tx, store, s.event(), task).map(e -> {
                  event[0] = e;
                  return task;
                })))
            .compose(task -> key == null ? Future.succeededFuture(task)
                : tx.preparedQuery(FeedSql.INSERT_COMMAND).execute(Tuple.of(uuid, key, command, caller.actor(),
                    task.encode())).map(task));
      });
    })).onSuccess(task -> {
      if (event[0] != null) {
        feeds.publish(event[0]);
      }
      if (applied[0] != null) {
        afterCommit(applied[0]);
      }
    });
  }

  /** The pool learns that stock left the store and that its reservations are fulfilled (on-hand and reserved drop). */
  private void afterCommit(Step step) {
    Future<Void> applied = step.stock().isEmpty() ? Future.succeededFuture() : inventory.apply(step.stock());
    // Received units are held for their order once the pool knows they are on hand.
    applied.onSuccess(v -> step.holds().forEach(h -> inventory.reserve(h[0], new String[] {h[1]},
        new long[] {Long.parseLong(h[2])})));
    if (step.release() != null) {
      inventory.reserve(step.release()[0], new String[] {step.release()[1]},
          new long[] {-Long.parseLong(step.release()[2])});
    }
    for (Row r : step.fulfilled()) {
      inventory.reserve(r.getString("sku"), new String[] {r.getString("location_id")},
          new long[] {-r.getLong("quantity")});
    }
  }

  private static Future<Void> inFulfilment(SqlConnection tx, UUID task) {
    return tx.preparedQuery("SELECT order_id FROM tasks WHERE id = $1").execute(Tuple.of(task))
        .compose(rows -> tx.preparedQuery(FeedSql.ORDER_IN_FULFILMENT).execute(Tuple.of(rows.iterator().next()
            .getUUID(0)))).mapEmpty();
  }

  /** A plain step of the state machine, by the claimant. */
  private static Step move(TaskType type, TaskStatus status, TaskStatus to, String claimedBy, String event) {
    if (!status.canMoveTo(type, to)) {
      throw ApiProblem.conflict("a " + type.wire() + " task that is " + status.wire() + " cannot become " + to.wire());
    }
    return new Step(to, claimedBy, event);
  }

  private static Future<Step> shortPicked(SqlConnection tx, Caller caller, UUID task, TaskType type,
                                          TaskStatus status, String claimedBy, JsonObject body, Object[] shortOf) {
    if (status != TaskStatus.PICKING) {
      return Future.failedFuture(ApiProblem.conflict("a task that is " + status.wire() + " cannot be short picked"));
    }
    int lineNo = body.getInteger("lineNo");
    long missing = body.getLong("missing");
    List<StockRow> stock = new java.util.ArrayList<>();
    return tx.preparedQuery(FeedSql.SHORT_LINE).execute(Tuple.of(task, lineNo)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiProblem.unprocessable("line " + lineNo + " is not on this task",
            List.of(new dev.aisle.api.Problem.FieldError("lineNo", "not on this task"))));
      }
      Row line = rows.iterator().next();
      long open = line.getLong("quantity") - line.getLong("picked");
      if (missing > open) {
        return Future.failedFuture(ApiProblem.unprocessable("only " + open + " of line " + lineNo
            + " are still to pick", List.of(new dev.aisle.api.Problem.FieldError("missing", "more than left to pick"))));
      }
      String sku = line.getString("sku");
      String store = line.getString("location_id");
      UUID order = line.getUUID("order_id");
      shortOf[0] = order;
      shortOf[1] = sku;
      shortOf[2] = store;
      return tx.preparedQuery(FeedSql.STOCK_MISSING).execute(Tuple.of(sku, store, missing, "short pick, task " + task,
              caller.actor()))
          .compose(up -> {
            up.forEach(r -> stock.add(new StockRow(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3),
                r.getLong(4), r.getLong(5), r.getString(6))));
            // drop a line left with nothing first: shrinking first would drop a line whose picked units remain
            return tx.preparedQuery(FeedSql.DROP_TASK_LINE).execute(Tuple.of(task, lineNo, missing));
          })
          .compose(x -> tx.preparedQuery(FeedSql.SHRINK_TASK_LINE).execute(Tuple.of(task, lineNo, missing)))
          .compose(x -> tx.preparedQuery(FeedSql.SHRINK_ALLOCATION).execute(Tuple.of(order, lineNo, store, missing)))
          .compose(x -> tx.preparedQuery(FeedSql.ORDER_EVENT).execute(Tuple.of(order, caller.actor(), "short-pick",
              new JsonObject().put("storeId", store).put("lineNo", lineNo).put("sku", sku).put("missing", missing)
                  .put("reason", body.getString("reason")).encode())))
          .compose(x -> tx.preparedQuery(FeedSql.OPEN_QUANTITIES).execute(Tuple.of(task)))
          .map(q -> {
            Row r = q.iterator().next();
            long left = r.getLong(0);
            long lines = r.getLong(1);
            TaskStatus next = lines == 0 ? TaskStatus.CANCELLED : left == 0 ? TaskStatus.PICKED : TaskStatus.PICKING;
            // The pool: on-hand down by the missing units, and the reservation of them ends with the allocation.
            return new Step(next, next == TaskStatus.CANCELLED ? null : claimedBy, "task-short", stock,
                List.of()).withRelease(sku, store, missing);
          });
    });
  }

  /**
   * Awaiting transfer → open: the shipped units have arrived at the pickup store. On-hand there goes up and the units
   * are held for the order (a pickup allocation), then the pickup is picked like any other. 409 while the sending
   * store has not shipped.
   */
  private static Future<Step> receive(SqlConnection tx, Caller caller, UUID task, TaskType type, TaskStatus status,
                                      String claimedBy, String store) {
    move(type, status, TaskStatus.RECEIVED, claimedBy, "task-received");
    List<StockRow> stock = new java.util.ArrayList<>();
    List<String[]> holds = new java.util.ArrayList<>();
    return tx.preparedQuery(FeedSql.TRANSFERRED).execute(Tuple.of(task)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiProblem.conflict("nothing is on its way to this pickup"));
      }
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        if (r.getBoolean("pending")) {
          return Future.failedFuture(ApiProblem.conflict("the sending store has not shipped yet"));
        }
        int line = r.getInteger("line_no");
        String sku = r.getString("sku");
        long quantity = r.getLong("quantity");
        chain = chain.compose(v -> tx.preparedQuery(FeedSql.STOCK_ARRIVES).execute(Tuple.of(sku, store, quantity,
                "transfer for task " + task, caller.actor())))
            .compose(up -> {
              up.forEach(x -> stock.add(new StockRow(x.getString(0), x.getString(1), x.getLong(2), x.getLong(3),
                  x.getLong(4), x.getLong(5), x.getString(6))));
              holds.add(new String[] {sku, store, Long.toString(quantity)});
              return tx.preparedQuery(FeedSql.HOLD_RECEIVED).execute(Tuple.of(task, line, sku, quantity));
            }).mapEmpty();
      }
      return chain.map(v -> new Step(TaskStatus.OPEN, claimedBy, "task-received", stock, List.of(), null,
          holds));
    });
  }

  private static Future<Step> packed(SqlConnection tx, UUID task, TaskType type, TaskStatus status,
                                     String claimedBy, JsonObject shipment) {
    Step step = move(type, status, TaskStatus.PACKED, claimedBy, "task-packed");
    if (shipment == null) {
      return Future.failedFuture(ApiProblem.conflict("the task changed while its parcels were booked; retry"));
    }
    return tx.preparedQuery(FeedSql.INSERT_SHIPMENT).execute(Tuple.of(task, shipment.getString("carrier"),
        shipment.getString("service"), shipment.getString("trackingNumber"), shipment.encode())).map(step);
  }

  /** Staged → ready: a pickup code for the customer (only its hash is kept) and a notification in the outbox. */
  private static Future<Step> ready(SqlConnection tx, Caller caller, UUID task, TaskType type, TaskStatus status,
                                    String claimedBy, Row t) {
    Step step = move(type, status, TaskStatus.READY, claimedBy, "task-ready");
    String code = String.format("%06d", SECURE.nextInt(1_000_000));
    return tx.preparedQuery(FeedSql.SET_PICKUP_CODE).execute(Tuple.of(task, codeHash(task, code)))
        .compose(v -> tx.preparedQuery(FeedSql.PICKUP_CHECK).execute(Tuple.of(task)))
        .compose(rows -> {
          Row o = rows.iterator().next();
          UUID order = o.getUUID("order_id");
          Object customer = o.getValue("customer");
          return tx.preparedQuery(FeedSql.INSERT_NOTIFICATION).execute(Tuple.of(order, "ready-for-pickup",
                  String.valueOf(customer), new JsonObject().put("pickupCode", code)
                      .put("storeId", t.getString("location_id")).put("orderNumber", o.getString("external_id"))
                      .encode()))
              .compose(v -> tx.preparedQuery(FeedSql.ORDER_READY).execute(Tuple.of(order)))
              .compose(v -> tx.preparedQuery(FeedSql.ORDER_EVENT).execute(Tuple.of(order, caller.actor(),
                  "ready-for-pickup", new JsonObject().put("storeId", t.getString("location_id"))
                      .put("customerNotified", true).encode())));
        }).map(step);
  }

  /** Ready → handed over, with the pickup code, or the order number and the customer's name; wrong → 422. */
  private Future<Step> handover(SqlConnection tx, Caller caller, UUID task, TaskType type, TaskStatus status,
                                String claimedBy, JsonObject body) {
    Step step = move(type, status, TaskStatus.HANDED_OVER, claimedBy, "task-handed-over");
    String code = body.getValue("pickupCode") instanceof String c ? c : null;
    String number = body.getValue("orderNumber") instanceof String n ? n : null;
    String name = body.getValue("customerName") instanceof String n ? n : null;
    if (code == null && (number == null || name == null)) {
      throw ApiProblem.invalidField("pickupCode", "is required (or orderNumber and customerName)");
    }
    return tx.preparedQuery(FeedSql.PICKUP_CHECK).execute(Tuple.of(task)).compose(rows -> {
      Row o = rows.iterator().next();
      boolean ok = code != null ? codeHash(task, code).equals(o.getString("pickup_code_hash"))
          : number.equals(o.getString("external_id")) && name.trim().equalsIgnoreCase(o.getString("customer_name"));
      if (!ok) {
        return Future.failedFuture(ApiProblem.unprocessable(code != null ? "the pickup code does not match"
            : "the order number and name do not match", List.of(new dev.aisle.api.Problem.FieldError(
            code != null ? "pickupCode" : "customerName", "does not match"))));
      }
      return leaves(tx, caller, task, o.getUUID("order_id"), "pickup", "picked-up").map(done ->
          new Step(step.status(), step.claimedBy(), step.event(), done.stock(), done.fulfilled()));
    });
  }

  /** Packed → shipped: the stock leaves the store, the allocation is fulfilled, the order rolls up. */
  private Future<Step> ship(SqlConnection tx, Caller caller, UUID task, TaskType type, TaskStatus status,
                            String claimedBy) {
    Step step = move(type, status, TaskStatus.SHIPPED, claimedBy, "task-shipped");
    return tx.preparedQuery("SELECT order_id FROM tasks WHERE id = $1").execute(Tuple.of(task))
        .compose(rows -> leaves(tx, caller, task, rows.iterator().next().getUUID(0), "ship", "shipped"))
        .map(done -> new Step(step.status(), step.claimedBy(), step.event(), done.stock(), done.fulfilled()));
  }

  private static Future<Step> leaves(SqlConnection tx, Caller caller, UUID task, UUID order, String method,
                                     String eventType) {
    List<StockRow> stock = new java.util.ArrayList<>();
    List<Row> fulfilled = new java.util.ArrayList<>();
    return tx.preparedQuery(FeedSql.STOCK_LEAVES).execute(Tuple.of(task, "task " + task, caller.actor()))
        .compose(rows -> {
          rows.forEach(r -> stock.add(new StockRow(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3),
              r.getLong(4), r.getLong(5), r.getString(6))));
          return tx.preparedQuery(FeedSql.FULFIL_ALLOCATIONS).execute(Tuple.of(task));
        })
        .compose(rows -> {
          rows.forEach(fulfilled::add);
          return tx.preparedQuery(FeedSql.ROLL_UP).execute(Tuple.of(order, method));
        })
        .compose(rows -> tx.preparedQuery(FeedSql.ORDER_EVENT).execute(Tuple.of(order, caller.actor(), eventType,
            new JsonObject().put("taskId", task.toString()).put("status", rows.iterator().next().getString(0))
                .encode())))
        .map(v -> new Step(null, null, null, stock, fulfilled));
  }

  private static final java.security.SecureRandom SECURE = new java.security.SecureRandom();

  static String codeHash(UUID task, String code) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest((task + ":" + code).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Future<JsonObject> replay(SqlConnection tx, UUID task, String key) {
    if (key == null) {
      return Future.succeededFuture(null);
    }
    return tx.preparedQuery(FeedSql.COMMAND_ANSWER).execute(Tuple.of(task, key)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Object answer = rows.iterator().next().getValue(0);
      return answer instanceof JsonObject j ? j : new JsonObject(String.valueOf(answer));
    });
  }

  /** One associate at a time: a task claimed by someone else is 409; claiming your own claim again is a no-op. */
  private static Step claim(Caller caller, TaskType type, TaskStatus status, String claimedBy) {
    String me = caller.subject();
    if (claimedBy != null && !claimedBy.equals(me)) {
      throw ApiProblem.conflict("the task is claimed by " + claimedBy);
    }
    if (status == TaskStatus.OPEN) {
      return new Step(TaskStatus.PICKING, me, "task-claimed");
    }
    if (status.done() || status == TaskStatus.AWAITING_TRANSFER) {
      throw ApiProblem.conflict("a task that is " + status.wire() + " cannot be claimed");
    }
    return new Step(status, me, "task-claimed");
  }

  /** The claimant (or the store's manager, or an admin) gives the task back; its progress stays. */
  private static Step release(Caller caller, TaskStatus status, String claimedBy) {
    if (claimedBy == null) {
      throw ApiProblem.conflict("the task is not claimed");
    }
    if (!claimedBy.equals(caller.subject()) && caller.role() == Role.ASSOCIATE) {
      throw ApiProblem.conflict("the task is claimed by " + claimedBy + "; only they or a manager can release it");
    }
    return new Step(status, null, "task-released");
  }

  /** A scanned barcode confirms units of the line with that UPC; all lines complete → picked. */
  private static Future<Step> pick(SqlConnection tx, Caller caller, UUID task, TaskType type, TaskStatus status,
                                   String claimedBy, JsonObject body) {
    if (status != TaskStatus.PICKING) {
      return Future.failedFuture(ApiProblem.conflict("a task that is " + status.wire() + " cannot be picked; claim"
          + " it first"));
    }
    if (!caller.subject().equals(claimedBy)) {
      return Future.failedFuture(ApiProblem.conflict("the task is claimed by " + claimedBy + "; claim it first"));
    }
    Validation v = new Validation();
    String upc = v.string(body, "upc", 64);
    long quantity = v.optionalInteger(body, "quantity", 1, 10_000, 1);
    v.throwIfInvalid();
    return tx.preparedQuery(FeedSql.TASK_LINES).execute(Tuple.of(task)).compose(rows -> {
      Row line = null;
      long left = 0;
      long open = 0;
      for (Row r : rows) {
        long remaining = r.getLong("quantity") - r.getLong("picked");
        open += remaining;
        if (line == null && upc.equals(r.getString("upc")) && remaining > 0) {
          line = r;
          left = remaining;
        }
      }
      if (line == null) {
        boolean onTask = false;
        for (Row r : rows) {
          onTask |= upc.equals(r.getString("upc"));
        }
        return Future.failedFuture(ApiProblem.unprocessable(onTask
            ? "every unit of barcode " + upc + " is already picked: more than ordered"
            : "barcode " + upc + " is not on this task", List.of(new dev.aisle.api.Problem.FieldError("upc",
            onTask ? "more than ordered" : "not on this task"))));
      }
      if (quantity > left) {
        return Future.failedFuture(ApiProblem.unprocessable("only " + left + " more of " + upc + " are ordered",
            List.of(new dev.aisle.api.Problem.FieldError("quantity", "more than ordered"))));
      }
      long stillOpen = open - quantity;
      return tx.preparedQuery(FeedSql.PICK_LINE).execute(Tuple.of(task, line.getInteger("line_no"), quantity))
          .map(x -> new Step(stillOpen == 0 ? TaskStatus.PICKED : TaskStatus.PICKING, claimedBy, "task-picked"));
    });
  }

  /** Appends a {@code type} event carrying the task as it is now to its store's feed; collects it in {@code events}. */
  static Future<Void> announce(SqlConnection tx, UUID task, String store, String type, List<JsonObject> events) {
    return tx.preparedQuery(FeedSql.TASK).execute(Tuple.of(task))
        .compose(t -> appendEvent(tx, store, type, TaskRoutes.task(t.iterator().next())))
        .map(e -> {
          events.add(e);
          return null;
        });
  }

  static Future<JsonObject> appendEvent(SqlConnection tx, String store, String type, JsonObject task) {
    return tx.preparedQuery(FeedSql.NEXT_SEQ).execute(Tuple.of(store))
        .compose(seq -> tx.preparedQuery(FeedSql.INSERT_EVENT).execute(Tuple.of(store,
            seq.iterator().next().getLong(0), type, UUID.fromString(task.getString("id")),
            UUID.fromString(task.getString("orderId")), task.encode())))
        .map(rows -> StoreFeeds.event(rows.iterator().next(), type));
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("no task " + id);
    }
  }
}
