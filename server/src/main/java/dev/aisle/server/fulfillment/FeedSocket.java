package dev.aisle.server.fulfillment;

import dev.aisle.api.FeedProtocol;
import dev.aisle.server.platform.AisleConfig;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.TreeMap;

/**
 * One device following one store's feed over a WebSocket (protocol: {@link FeedProtocol}). It listens to the live
 * feed first, replays from PostgreSQL what the device has not seen, says {@code ready}, then sends live events.
 * Events go out strictly in seq order, each once: a live event that arrives ahead of a gap (events of one store are
 * committed in seq order but published from any node) waits while the gap is read from the table. Heartbeats find
 * dead sockets; a device that leaves more than {@code maxUnacked} (1,000) events unacknowledged is closed
 * with 4408 and resumes from its last seq.
 */
final class FeedSocket {

  private static final Logger log = LoggerFactory.getLogger(FeedSocket.class);
  private static final int PAGE = 500;

  private final Vertx vertx;
  private final StoreFeeds feeds;
  private final ServerWebSocket socket;
  private final String storeId;
  private final TreeMap<Long, JsonObject> waiting = new TreeMap<>();
  private MessageConsumer<JsonObject> live;
  private MessageConsumer<Void> resync;
  private long lastSent;
  private long lastAck;
  private boolean replaying = true;
  private boolean catchingUp;
  private boolean catchUpAgain;
  private boolean closed;
  private long heartbeat;
  private long lastHeard = System.currentTimeMillis();

  private final AisleConfig.Feed config;

  FeedSocket(Vertx vertx, StoreFeeds feeds, ServerWebSocket socket, String storeId, long after,
             AisleConfig.Feed config) {
    this.config = config;
    this.vertx = vertx;
    this.feeds = feeds;
    this.socket = socket;
    this.storeId = storeId;
    this.lastSent = after;
    this.lastAck = after;
  }

  void start() {
    live = vertx.eventBus().consumer(StoreFeeds.address(storeId), m -> onLive(m.body()));
    resync = vertx.eventBus().localConsumer(StoreFeeds.RESYNC, m -> catchUp());
    socket.textMessageHandler(this::onMessage);
    socket.closeHandler(v -> stop());
    socket.exceptionHandler(e -> stop());
    long every = config.heartbeatSeconds() * 1_000L;
    heartbeat = vertx.setPeriodic(every, every, id -> beat());
    live.completion().onComplete(ar -> catchUp());
  }

  private void onMessage(String text) {
    lastHeard = System.currentTimeMillis();
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (RuntimeException e) {
      return;
    }
    if (FeedProtocol.TYPE_ACK.equals(msg.getString("type"))) {
      Long seq = msg.getLong("seq");
      if (seq != null && seq > lastAck && seq <= lastSent) {
        lastAck = seq;
      }
    }
  }

  private void onLive(JsonObject event) {
    long seq = event.getLong("seq");
    if (seq <= lastSent) {
      return;
    }
    waiting.put(seq, event);
    if (!replaying) {
      drain();
    }
  }

  /** Sends what waits in order; a gap is read from the table. */
  private void drain() {
    while (!waiting.isEmpty() && !closed) {
      long next = waiting.firstKey();
      if (next <= lastSent) {
        waiting.pollFirstEntry();
      } else if (next == lastSent + 1) {
        send(waiting.pollFirstEntry().getValue());
      } else {
        catchUp();
        return;
      }
    }
  }

  /**
   * Reads the table after the last seq sent, page by page, then goes (back) to live. Asked again while reading, it
   * reads once more when done: the read in flight may have started before what the caller knows was committed.
   */
  private void catchUp() {
    if (closed) {
      return;
    }
    if (catchingUp) {
      catchUpAgain = true;
      return;
    }
    catchingUp = true;
    catchUpAgain = false;
    feeds.after(storeId, lastSent, PAGE).onComplete(ar -> {
      catchingUp = false;
      if (closed) {
        return;
      }
      if (ar.failed()) {
        log.warn("replaying the feed of {}: {}", storeId, ar.cause().toString());
        close(FeedProtocol.CLOSE_GOING_AWAY, "unavailable", "the feed cannot be read right now; resume shortly");
        return;
      }
      ar.result().forEach(this::send);
      if (ar.result().size() == PAGE || catchUpAgain) {
        catchUp();
        return;
      }
      if (replaying) {
        replaying = false;
        socket.writeTextMessage(new JsonObject().put("type", FeedProtocol.TYPE_READY).put("storeId", storeId)
            .put("replayedUpTo", lastSent).encode());
      }
      drain();
    });
  }

  private void send(JsonObject event) {
    long seq = event.getLong("seq");
    if (closed || seq <= lastSent) {
      return;
    }
    if (lastSent - lastAck >= config.maxUnacked()) {
      close(FeedProtocol.CLOSE_TOO_SLOW, "too-slow", "more than " + config.maxUnacked()
          + " events unacknowledged; resume from your last seq");
      return;
    }
    lastSent = seq;
    socket.writeTextMessage(new JsonObject().put("type", FeedProtocol.TYPE_EVENT).put("seq", seq)
        .put("event", event).encode());
  }

  private void beat() {
    long silentFor = System.currentTimeMillis() - lastHeard;
    if (silentFor > FeedProtocol.MISSED_HEARTBEATS * config.heartbeatSeconds() * 1_000L) {
      close(FeedProtocol.CLOSE_OTHER, "dead", "no answer to " + FeedProtocol.MISSED_HEARTBEATS + " heartbeats");
      return;
    }
    socket.writeTextMessage(new JsonObject().put("type", FeedProtocol.TYPE_PING).put("at", Instant.now().toString())
        .encode());
  }

  private void close(short code, String reason, String message) {
    if (closed) {
      return;
    }
    socket.writeTextMessage(new JsonObject().put("type", FeedProtocol.TYPE_ERROR).put("code", reason)
        .put("message", message).encode());
    socket.close(code, reason);
    stop();
  }

  private void stop() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(heartbeat);
    live.unregister();
    resync.unregister();
    waiting.clear();
  }
}
