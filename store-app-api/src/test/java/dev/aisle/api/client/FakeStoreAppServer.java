package dev.aisle.api.client;

import dev.aisle.api.FeedEvent;
import dev.aisle.api.FeedEventTypes;
import dev.aisle.api.FeedProtocol;
import dev.aisle.api.Page;
import dev.aisle.api.Problem;
import dev.aisle.api.Role;
import dev.aisle.api.Task;
import dev.aisle.api.TaskStatus;
import dev.aisle.api.TaskType;
import dev.aisle.api.TokenRequest;
import dev.aisle.api.TokenResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Just enough of the Aisle server for the client: the token endpoint, one store's task list, the claim command
 * (task {@value #ILLEGAL_TASK} answers 409) and the store feed over an in-memory event list, per {@link FeedProtocol}.
 * State lives on the verticle's context; what tests read is thread-safe.
 */
final class FakeStoreAppServer extends VerticleBase {

  static final String STORE = "S001";
  static final String USER = "ana";
  static final String PASSWORD = "secret";
  static final String TOKEN = "token-ana";
  static final String ILLEGAL_TASK = "T-409";
  static final Instant T0 = Instant.parse("2026-11-27T14:00:00Z");

  final List<Long> feedAfters = new CopyOnWriteArrayList<>();
  final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
  final AtomicLong highestAck = new AtomicLong();
  final AtomicInteger pongs = new AtomicInteger();
  final AtomicInteger unauthorized = new AtomicInteger();
  /** On a resume, replay this many events the device already has, as a server may; the device must skip them. */
  volatile int replayOverlap;

  private final List<FeedEvent> events = new ArrayList<>();
  private final List<ServerWebSocket> liveSockets = new ArrayList<>();
  private HttpServer server;

  int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer().requestHandler(this::http).webSocketHandler(this::feed);
    return server.listen(0);
  }

  /** Adds {@code count} events to the feed and pushes them to the live sockets. */
  Future<Void> append(int count) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      for (int i = 0; i < count; i++) {
        long seq = events.size() + 1;
        FeedEvent event = new FeedEvent(STORE, seq, T0.plusSeconds(seq), FeedEventTypes.TASK_CREATED, "T-" + seq,
            "O-" + seq, task("T-" + seq, TaskStatus.OPEN));
        events.add(event);
        String frame = Json.encode(FeedProtocol.Event.of(event));
        liveSockets.forEach(ws -> ws.writeTextMessage(frame));
      }
      done.complete();
    });
    return done.future();
  }

  /** From now on every live socket gets a ping every {@code everyMs} (besides the one after ready). */
  void ping(long everyMs) {
    context.runOnContext(v -> vertx.setPeriodic(everyMs, id -> {
      String ping = Json.encode(FeedProtocol.Ping.of(Instant.now()));
      liveSockets.forEach(ws -> ws.writeTextMessage(ping));
    }));
  }

  /** The open sockets stay open but hear nothing more: no events, no pings (a half-dead connection). */
  Future<Void> silence() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      liveSockets.clear();
      done.complete();
    });
    return done.future();
  }

  static Task task(String id, TaskStatus status) {
    return new Task(id, "O-" + id, STORE, TaskType.SHIP_FROM_STORE, status, T0.plusSeconds(3600), false,
        status == TaskStatus.OPEN ? null : USER,
        List.of(new Task.TaskLine(1, "SKU-1", "Kettle", "012345678905", 1, 0, "A-03-2")), null, null, T0, T0);
  }

  private void feed(ServerWebSocket ws) {
    String storeId = STORE;
    if (!ws.path().equals(FeedProtocol.path(storeId))) {
      ws.close(FeedProtocol.CLOSE_FORBIDDEN, "not this store");
      return;
    }
    Map<String, List<String>> query = new QueryStringDecoder(ws.uri()).parameters();
    String header = ws.headers().get("Authorization");
    boolean authorized = ("Bearer " + TOKEN).equals(header)
        || List.of(TOKEN).equals(query.get(FeedProtocol.QUERY_ACCESS_TOKEN));
    if (!authorized) {
      unauthorized.incrementAndGet();
      ws.writeTextMessage(Json.encode(FeedProtocol.Error.of("unauthorized", "a valid token is needed")));
      ws.close(FeedProtocol.CLOSE_UNAUTHORIZED, "unauthorized");
      return;
    }
    long after = Long.parseLong(query.getOrDefault(FeedProtocol.QUERY_AFTER, List.of("0")).get(0));
    feedAfters.add(after);
    ws.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      switch (message.getString("type")) {
        case FeedProtocol.TYPE_ACK -> highestAck.accumulateAndGet(message.getLong("seq"), Math::max);
        case FeedProtocol.TYPE_PONG -> pongs.incrementAndGet();
        default -> throw new IllegalStateException("unexpected " + text);
      }
    });
    ws.closeHandler(v -> liveSockets.remove(ws));
    long from = after == 0 ? 0 : Math.max(0, after - replayOverlap);
    for (FeedEvent event : events) {
      if (event.seq() > from) {
        ws.writeTextMessage(Json.encode(FeedProtocol.Event.of(event)));
      }
    }
    ws.writeTextMessage(Json.encode(FeedProtocol.Ready.of(storeId, Math.max(after, events.size()))));
    ws.writeTextMessage(Json.encode(FeedProtocol.Ping.of(Instant.now())));
    liveSockets.add(ws);
  }

  private void http(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      String path = req.path();
      if (path.equals("/api/v1/auth/token")) {
        TokenRequest login = body.toJsonObject().mapTo(TokenRequest.class);
        if (USER.equals(login.username()) && PASSWORD.equals(login.password())) {
          respond(req, 200, new TokenResponse(TOKEN, TokenResponse.BEARER, 3600, Role.ASSOCIATE, STORE));
        } else {
          problem(req, 401, "Unauthorized", "wrong user name or password");
        }
      } else if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
        problem(req, 401, "Unauthorized", "a valid token is needed");
      } else if (path.equals("/api/v1/stores/" + STORE + "/tasks")) {
        respond(req, 200, new Page<>(List.of(task("T-1", TaskStatus.OPEN), task("T-2", TaskStatus.PICKED)), null));
      } else if (path.equals("/api/v1/tasks/" + ILLEGAL_TASK + "/claim")) {
        JsonObject problem = JsonObject.mapFrom(new Problem("https://aisle.dev/problems/illegal-transition",
            "Illegal transition", 409, "task T-409 is shipped", null, null)).put("currentStatus", "shipped");
        req.response().setStatusCode(409).putHeader("Content-Type", Problem.MEDIA_TYPE).end(problem.encode());
      } else if (path.matches("/api/v1/tasks/[^/]+/claim")) {
        idempotencyKeys.add(req.getHeader(StoreAppClient.IDEMPOTENCY_KEY));
        respond(req, 200, task(path.split("/")[4], TaskStatus.PICKING));
      } else {
        problem(req, 404, "Not Found", path);
      }
    });
  }

  private static void respond(HttpServerRequest req, int status, Object body) {
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.encode(body));
  }

  private static void problem(HttpServerRequest req, int status, String title, String detail) {
    req.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
        .end(Json.encode(new Problem("about:blank", title, status, detail, null, null)));
  }
}
