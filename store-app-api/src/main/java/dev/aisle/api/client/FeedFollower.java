package dev.aisle.api.client;

import dev.aisle.api.FeedEvent;
import dev.aisle.api.FeedProtocol;
import dev.aisle.api.TokenResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The {@link FeedSubscription} behind {@link StoreAppClient#follow}. Sockets, timers and deliveries all run on one
 * Vert.x context, so the state below needs no locks; only {@link #lastSeq}, {@link #live} and the liveness promise
 * are read from other threads.
 */
final class FeedFollower implements FeedSubscription {

  private static final System.Logger LOG = System.getLogger(FeedFollower.class.getName());
  private static final long FIRST_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final Context context;
  private final WebSocketClient webSockets;
  private final Endpoints nodes;
  private final String storeId;
  private final Supplier<String> token;
  private final Consumer<FeedEvent> onEvent;
  private final long heartbeatMs;
  private final long silenceLimitMs;

  private volatile long lastSeq;
  private volatile boolean live;
  private volatile boolean closed;
  private Promise<Void> liveness = Promise.promise();  // guarded by this

  private WebSocket socket;
  private long lastHeardAt;
  private long watchdog = -1;
  private long reconnectTimer = -1;
  private long backoffMs = FIRST_BACKOFF_MS;

  FeedFollower(Vertx vertx, WebSocketClient webSockets, Endpoints nodes, String storeId, long afterSeq,
               Supplier<String> token, Consumer<FeedEvent> onEvent, long heartbeatMs) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.webSockets = webSockets;
    this.nodes = nodes;
    this.storeId = storeId;
    this.lastSeq = afterSeq;
    this.token = token;
    this.onEvent = onEvent;
    this.heartbeatMs = heartbeatMs;
    this.silenceLimitMs = FeedProtocol.MISSED_HEARTBEATS * heartbeatMs;
  }

  void start() {
    onContext(this::connect);
  }

  @Override
  public long lastSeq() {
    return lastSeq;
  }

  @Override
  public boolean live() {
    return live;
  }

  @Override
  public synchronized Future<Void> awaitLive() {
    return closed ? Future.failedFuture(new IllegalStateException("feed subscription closed")) : liveness.future();
  }

  @Override
  public void dropConnection() {
    notLive();  // at once, so that an awaitLive() right after this waits for the next ready
    onContext(() -> {
      WebSocket ws = socket;
      if (ws != null) {
        lost(ws);
        ws.close();
      }
    });
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    onContext(() -> {
      closed = true;
      vertx.cancelTimer(reconnectTimer);
      WebSocket ws = socket;
      detach();
      failLiveness();
      if (ws == null) {
        done.complete();
      } else {
        ws.close().onComplete(ar -> done.complete());
      }
    });
    return done.future();
  }

  private void connect() {
    reconnectTimer = -1;
    if (closed) {
      return;
    }
    SocketAddress node = nodes.current();
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(node.host())
        .setPort(node.port())
        .setURI(FeedProtocol.path(storeId) + "?" + FeedProtocol.QUERY_AFTER + "=" + lastSeq)
        .setConnectTimeout(silenceLimitMs);
    String current = token.get();
    if (current != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION.toString(), TokenResponse.BEARER + " " + current);
    }
    webSockets.connect(options).onComplete(ar -> {
      if (ar.succeeded()) {
        attach(ar.result());
      } else {
        LOG.log(DEBUG, "feed {0}: connect to {1} failed: {2}", storeId, node, ar.cause().toString());
        if (!(ar.cause() instanceof UpgradeRejectedException)) {
          nodes.unreachable(node);  // the next attempt goes to the next node
        }
        reconnectLater();
      }
    });
  }

  private void attach(WebSocket ws) {
    if (closed) {
      ws.close();
      return;
    }
    socket = ws;
    lastHeardAt = now();
    ws.textMessageHandler(text -> {
      if (socket == ws) {  // a dropped socket may still have frames in flight
        onMessage(ws, text);
      }
    });
    ws.closeHandler(v -> {
      LOG.log(DEBUG, "feed {0}: closed {1} {2}", storeId, ws.closeStatusCode(), ws.closeReason());
      lost(ws);
    });
    ws.exceptionHandler(err -> {
      LOG.log(DEBUG, "feed {0}: socket failed: {1}", storeId, err.toString());
      lost(ws);
      ws.close();
    });
    watchdog = vertx.setPeriodic(heartbeatMs, id -> {
      if (now() - lastHeardAt > silenceLimitMs) {
        LOG.log(INFO, "feed {0}: no heartbeat for {1} ms, reconnecting", storeId, silenceLimitMs);
        lost(ws);
        ws.close();
      }
    });
  }

  private void onMessage(WebSocket ws, String text) {
    lastHeardAt = now();
    JsonObject message;
    String type;
    FeedProtocol.Event event = null;
    try {
      message = new JsonObject(text);
      type = message.getString("type", "");
      if (FeedProtocol.TYPE_EVENT.equals(type)) {
        event = message.mapTo(FeedProtocol.Event.class);
      }
    } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
      // skipping a frame could skip an event: start again from the last one delivered
      LOG.log(WARNING, "feed " + storeId + ": unreadable frame, reconnecting", e);
      lost(ws);
      ws.close();
      return;
    }
    switch (type) {
      case FeedProtocol.TYPE_EVENT -> deliver(ws, event);
      case FeedProtocol.TYPE_READY -> {
        backoffMs = FIRST_BACKOFF_MS;
        nowLive();
      }
      case FeedProtocol.TYPE_PING -> ws.writeTextMessage(Json.encode(FeedProtocol.Pong.of()));
      case FeedProtocol.TYPE_ERROR -> LOG.log(INFO, "feed {0}: server error {1}: {2}", storeId,
          message.getString("code"), message.getString("message"));
      default -> {
        // a message type from a newer server: nothing to do with it
      }
    }
  }

  private void deliver(WebSocket ws, FeedProtocol.Event event) {
    if (event.seq() <= lastSeq) {
      return;  // replayed again after a reconnect: already delivered
    }
    try {
      onEvent.accept(event.event());
    } catch (RuntimeException e) {
      LOG.log(WARNING, "feed " + storeId + ": consumer failed on seq " + event.seq() + "; counted as delivered", e);
    }
    lastSeq = event.seq();
    ws.writeTextMessage(Json.encode(FeedProtocol.Ack.of(event.seq())));
  }

  /** The socket is gone (closed, failed, silent or dropped): forget it and come back later. */
  private void lost(WebSocket ws) {
    if (socket != ws) {
      return;  // already handled
    }
    detach();
    notLive();
    reconnectLater();
  }

  private void detach() {
    socket = null;
    vertx.cancelTimer(watchdog);
    watchdog = -1;
  }

  private void reconnectLater() {
    if (closed || reconnectTimer != -1) {
      return;
    }
    long delay = backoffMs;
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    reconnectTimer = vertx.setTimer(delay, id -> connect());
  }

  private void nowLive() {
    Promise<Void> promise;
    synchronized (this) {
      live = true;
      promise = liveness;
    }
    promise.tryComplete();  // outside the lock: it runs the waiters' callbacks
  }

  private synchronized void notLive() {
    live = false;
    if (liveness.future().isComplete()) {
      liveness = Promise.promise();
    }
  }

  private void failLiveness() {
    Promise<Void> promise;
    synchronized (this) {
      live = false;
      promise = liveness;
    }
    promise.tryFail(new IllegalStateException("feed subscription closed"));
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
