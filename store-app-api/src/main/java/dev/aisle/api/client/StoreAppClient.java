package dev.aisle.api.client;

import dev.aisle.api.FeedEvent;
import dev.aisle.api.FeedProtocol;
import dev.aisle.api.Handover;
import dev.aisle.api.Pack;
import dev.aisle.api.PickScan;
import dev.aisle.api.Problem;
import dev.aisle.api.ShortPick;
import dev.aisle.api.Task;
import dev.aisle.api.TokenRequest;
import dev.aisle.api.TokenResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A store device's view of Aisle: sign in, list a store's tasks, act on them, and follow the store's task feed.
 *
 * <p>Every call returns a Future completed on a Vert.x event loop. A call the server refuses (HTTP status 400 or
 * above) fails with {@link StoreAppException} carrying the status and the server's {@link Problem}; a call that
 * never got an answer (connection refused or reset, timeout) fails with the transport's exception, and a command may
 * then have been applied or not: retry it with the same idempotency key, through the overloads that take one, and the
 * server answers the first outcome instead of applying it twice. Without a key each call sends a fresh random one.
 *
 * <p>Commands move the task through {@link dev.aisle.api.TaskStatus}; one that is illegal in the task's state fails
 * with status 409. Calls other than {@link #login} need a token: from {@link #login} or {@link #useToken}.
 */
public final class StoreAppClient {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final String TASKS = "/api/v1/tasks/";

  private final Vertx vertx;
  private final Endpoints nodes;
  private final WebClient web;
  private final WebSocketClient webSockets;
  private final long heartbeatMs;
  private volatile String token;

  public StoreAppClient(Vertx vertx, String host, int port) {
    this(vertx, List.of(SocketAddress.inetSocketAddress(port, host)));
  }

  /**
   * A client of a cluster: {@code nodes} are Aisle nodes of one cluster (any of them serves any store). Calls and the
   * feed go to the first; when a node cannot be reached (connection refused, reset or timed out) the client moves on
   * to the next one, round robin: a followed feed reconnects there and resumes, the next call goes there.
   */
  public StoreAppClient(Vertx vertx, List<SocketAddress> nodes) {
    this(vertx, nodes, FeedProtocol.HEARTBEAT_SECONDS * 1_000L);
  }

  /** Tests: a server heartbeat other than {@link FeedProtocol#HEARTBEAT_SECONDS}, to see a silent socket die fast. */
  StoreAppClient(Vertx vertx, String host, int port, long heartbeatMs) {
    this(vertx, List.of(SocketAddress.inetSocketAddress(port, host)), heartbeatMs);
  }

  private StoreAppClient(Vertx vertx, List<SocketAddress> nodes, long heartbeatMs) {
    this.vertx = vertx;
    this.heartbeatMs = heartbeatMs;
    this.nodes = new Endpoints(nodes);
    this.web = WebClient.create(vertx, new WebClientOptions());
    this.webSockets = vertx.createWebSocketClient();
  }

  /** {@code POST /api/v1/auth/token}; keeps the token for later calls and feed reconnects, and returns it. */
  public Future<String> login(String username, String password) {
    return send(request(HttpMethod.POST, "/api/v1/auth/token"), new TokenRequest(username, password))
        .map(r -> body(r, TokenResponse.class).token())
        .onSuccess(this::useToken);
  }

  /** Uses a token obtained elsewhere; a followed feed picks it up on its next reconnect. */
  public void useToken(String token) {
    this.token = token;
  }

  /** The current token, null before {@link #login}. */
  public String token() {
    return token;
  }

  /** {@code GET /api/v1/stores/{storeId}/tasks}: the store's open tasks (the first page). */
  public Future<List<Task>> tasks(String storeId) {
    return send(authorized(request(HttpMethod.GET, "/api/v1/stores/" + storeId + "/tasks")), null)
        .map(r -> {
          JsonArray items = body(r, JsonObject.class).getJsonArray("items", new JsonArray());
          List<Task> tasks = new ArrayList<>(items.size());
          for (int i = 0; i < items.size(); i++) {
            tasks.add(items.getJsonObject(i).mapTo(Task.class));
          }
          return tasks;
        });
  }

  public Future<Task> claim(String taskId) {
    return claim(taskId, newKey());
  }

  public Future<Task> claim(String taskId, String idempotencyKey) {
    return command(taskId, "claim", null, idempotencyKey);
  }

  public Future<Task> release(String taskId) {
    return release(taskId, newKey());
  }

  public Future<Task> release(String taskId, String idempotencyKey) {
    return command(taskId, "release", null, idempotencyKey);
  }

  public Future<Task> pick(String taskId, PickScan scan) {
    return pick(taskId, scan, newKey());
  }

  public Future<Task> pick(String taskId, PickScan scan, String idempotencyKey) {
    return command(taskId, "pick", scan, idempotencyKey);
  }

  /** {@code POST /api/v1/tasks/{id}/short}. */
  public Future<Task> shortPick(String taskId, ShortPick shortPick) {
    return shortPick(taskId, shortPick, newKey());
  }

  public Future<Task> shortPick(String taskId, ShortPick shortPick, String idempotencyKey) {
    return command(taskId, "short", shortPick, idempotencyKey);
  }

  public Future<Task> pack(String taskId, Pack pack) {
    return pack(taskId, pack, newKey());
  }

  public Future<Task> pack(String taskId, Pack pack, String idempotencyKey) {
    return command(taskId, "pack", pack, idempotencyKey);
  }

  public Future<Task> stage(String taskId) {
    return stage(taskId, newKey());
  }

  public Future<Task> stage(String taskId, String idempotencyKey) {
    return command(taskId, "stage", null, idempotencyKey);
  }

  public Future<Task> ready(String taskId) {
    return ready(taskId, newKey());
  }

  public Future<Task> ready(String taskId, String idempotencyKey) {
    return command(taskId, "ready", null, idempotencyKey);
  }

  public Future<Task> handover(String taskId, Handover handover) {
    return handover(taskId, handover, newKey());
  }

  public Future<Task> handover(String taskId, Handover handover, String idempotencyKey) {
    return command(taskId, "handover", handover, idempotencyKey);
  }

  public Future<Task> ship(String taskId) {
    return ship(taskId, newKey());
  }

  public Future<Task> ship(String taskId, String idempotencyKey) {
    return command(taskId, "ship", null, idempotencyKey);
  }

  public Future<Task> receive(String taskId) {
    return receive(taskId, newKey());
  }

  public Future<Task> receive(String taskId, String idempotencyKey) {
    return command(taskId, "receive", null, idempotencyKey);
  }

  /**
   * Follows a store's task feed from {@code afterSeq} (0 for everything the server keeps). {@code onEvent} is called
   * on one event loop, one event at a time, in seq order, never twice for a seq, across any number of reconnects;
   * each event is acknowledged once {@code onEvent} returns. If {@code onEvent} throws, the event still counts as
   * delivered (it is not offered again). A socket that closes, fails, sends an unreadable frame or stays silent for
   * {@link FeedProtocol#MISSED_HEARTBEATS} heartbeats is replaced, after 100 ms doubling to 5 s (back to 100 ms once
   * live), by one asking for {@code after=lastSeq()}. Every close code is retried, 4401 and 4403 included: the socket
   * uses the client's current token, so after a 4401 a fresh {@link #login} lets the next attempt succeed.
   */
  public FeedSubscription follow(String storeId, long afterSeq, Consumer<FeedEvent> onEvent) {
    FeedFollower follower = new FeedFollower(vertx, webSockets, nodes, storeId, afterSeq, this::token, onEvent,
        heartbeatMs);
    follower.start();
    return follower;
  }

  /** Closes the HTTP and WebSocket clients; followed feeds should be closed first. */
  public Future<Void> close() {
    web.close();
    return webSockets.close();
  }

  private Future<Task> command(String taskId, String action, Object body, String idempotencyKey) {
    HttpRequest<Buffer> request = authorized(request(HttpMethod.POST, TASKS + taskId + "/" + action))
        .putHeader(IDEMPOTENCY_KEY, idempotencyKey);
    return send(request, body).map(r -> body(r, Task.class));
  }

  /** A request to the current node. */
  private HttpRequest<Buffer> request(HttpMethod method, String uri) {
    SocketAddress node = nodes.current();
    return web.request(method, node.port(), node.host(), uri);
  }

  /** Sends; a node that gives no answer at all is left for the next one (the caller may retry). */
  private Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, Object body) {
    SocketAddress node = SocketAddress.inetSocketAddress(request.port(), request.host());
    return (body == null ? request.send() : request.sendJson(body)).onFailure(e -> nodes.unreachable(node));
  }

  private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    String current = token;
    if (current != null) {
      request.putHeader(HttpHeaders.AUTHORIZATION.toString(), TokenResponse.BEARER + " " + current);
    }
    return request;
  }

  private static String newKey() {
    return UUID.randomUUID().toString();
  }

  /** The body as {@code type}, or a {@link StoreAppException} for an error status. */
  private static <T> T body(HttpResponse<Buffer> response, Class<T> type) {
    if (response.statusCode() >= 400) {
      throw new StoreAppException(response.statusCode(), problem(response));
    }
    return response.bodyAsJson(type);
  }

  private static Problem problem(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (body != null && body.length() > 0) {
      try {
        Problem p = body.toJsonObject().mapTo(Problem.class);
        if (p.title() != null) {
          return p.status() == 0 ? withStatus(p, response.statusCode()) : p;
        }
      } catch (DecodeException | IllegalArgumentException | ClassCastException notAProblem) {
        // not problem+json: described from the status line below
      }
    }
    String detail = body == null || body.length() == 0 ? null : body.toString();
    return new Problem("about:blank", response.statusMessage(), response.statusCode(), detail, null, null);
  }

  private static Problem withStatus(Problem p, int status) {
    return new Problem(p.type(), p.title(), status, p.detail(), p.instance(), p.errors());
  }
}
