package dev.aisle.server.fulfillment;

import dev.aisle.api.FeedEvent;
import dev.aisle.api.client.FeedSubscription;
import dev.aisle.api.client.StoreAppClient;
import dev.aisle.server.testing.TestNode;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server drops devices that stopped answering or fell too far behind; a real device just resumes. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FeedLivenessTest {

  static TestNode node;
  static String web;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("feed_liveness", Map.of("feed.heartbeatSeconds", 1, "feed.maxUnacked", 5));
    String admin = node.adminToken();
    web = node.apiKey(admin, "web", "storefront");
    token = node.userToken(admin, "ivy", "associate", "B-DOWNTOWN");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A socket that reads but never answers: no ack, no pong. Completes with the close code and reason. */
  static Promise<String> mute(List<String> messages) throws Exception {
    ClientWebSocket ws = node.node().vertx().createWebSocketClient().webSocket();
    Promise<String> closed = Promise.promise();
    ws.textMessageHandler(messages::add);
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode() + " " + ws.closeReason()));
    ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.node().httpPort())
        .setURI("/api/v1/stores/B-DOWNTOWN/feed?after=0").addHeader("Authorization", "Bearer " + token))
        .await(30, TimeUnit.SECONDS);
    return closed;
  }

  @Test
  @DisplayName("a socket that answers no heartbeat is closed as dead after two of them")
  void deadSocket() throws Exception {
    List<String> messages = new CopyOnWriteArrayList<>();
    long t0 = System.nanoTime();
    String closed = mute(messages).future().await(30, TimeUnit.SECONDS);
    assertTrue(closed.startsWith("4409 dead"), closed);
    assertTrue(System.nanoTime() - t0 >= TimeUnit.SECONDS.toNanos(2), "not before two heartbeats");
    assertTrue(messages.stream().anyMatch(m -> m.contains("\"type\":\"ping\"")), messages.toString());
  }

  @Test
  @DisplayName("a device that leaves too many events unacknowledged is closed as too slow; a real device resumes and"
      + " gets every event once")
  void slowDevice() throws Exception {
    List<String> messages = new CopyOnWriteArrayList<>();
    Promise<String> closed = mute(messages);
    for (int i = 0; i < 8; i++) {
      var r = node.client().post("/api/v1/orders").putHeader("X-Api-Key", web)
          .putHeader("Idempotency-Key", "slow-" + i).sendJsonObject(StoreFeedTest.order("SLOW-" + i,
              new JsonObject().put("sku", "HOT-1").put("quantity", 1).put("method", "ship")))
          .await(30, TimeUnit.SECONDS);
      assertEquals(201, r.statusCode(), r.bodyAsString());
    }
    String reason = closed.future().await(30, TimeUnit.SECONDS);
    assertTrue(reason.startsWith("4408 too-slow"), reason);
    assertTrue(messages.stream().anyMatch(m -> m.contains("\"code\":\"too-slow\"")), messages.toString());

    StoreAppClient ivy = new StoreAppClient(node.node().vertx(), "127.0.0.1", node.node().httpPort());
    ivy.login("ivy", "pw-ivy-12345").await(30, TimeUnit.SECONDS);
    List<FeedEvent> events = new CopyOnWriteArrayList<>();
    FeedSubscription feed = ivy.follow("B-DOWNTOWN", 0, events::add);
    StoreFeedTest.waitFor(() -> events.size() >= 8, "all eight events for a device that acknowledges");
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).seq());
    }
    feed.close().await(10, TimeUnit.SECONDS);
    ivy.close();
  }
}
