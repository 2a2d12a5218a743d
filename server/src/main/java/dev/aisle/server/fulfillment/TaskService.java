package dev.aisle.server.fulfillment;

import dev.aisle.api.Role;
import dev.aisle.api.TaskStatus;
import dev.aisle.api.TaskType;
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

  /** A command's effect: the task's new status and claimant, and the feed event type. */
  private record Step(TaskStatus status, String claimedBy, String event) {}

  private final Pool pool;
  private final StoreFeeds feeds;

  public TaskService(Pool pool, StoreFeeds feeds) {
    this.pool = pool;
    this.feeds = feeds;
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

  /** Runs {@code command} ("claim", "release", "pick") on the task; {@code key} may be null (no replay). */
  public Future<JsonObject> command(Caller caller, String id, String key, String command, JsonObject body) {
    UUID uuid = uuid(id);
    JsonObject[] event = new JsonObject[1];
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
        Future<Step> step = switch (command) {
          case "claim" -> Future.succeededFuture(claim(caller, type, status, claimedBy));
          case "release" -> Future.succeededFuture(release(caller, status, claimedBy));
          case "pick" -> pick(tx, caller, uuid, type, status, claimedBy, body);
          default -> Future.failedFuture(ApiProblem.notFound("no command " + command));
        };
        return step.compose(s -> tx.preparedQuery(FeedSql.UPDATE_TASK)
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
    });
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

  private static Future<JsonObject> appendEvent(SqlConnection tx, String store, String type, JsonObject task) {
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
