package dev.aisle.server.fulfillment;

import dev.aisle.api.FeedEvent;
import dev.aisle.api.Task;
import dev.aisle.api.TaskStatus;
import dev.aisle.api.TaskType;
import dev.aisle.api.client.FeedSubscription;
import dev.aisle.api.client.StoreAppClient;
import dev.aisle.server.testing.TestNetwork;
import dev.aisle.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tasks are created with their order and reach the store's devices over the feed, through the device client. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StoreFeedTest {

  static TestNode node;
  static String admin;
  static String web;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("store_feed");
    admin = node.adminToken();
    web = node.apiKey(admin, "web-shop", "storefront");
    node.userToken(admin, "dora", "associate", "B-DOWNTOWN");
    node.userToken(admin, "carl", "associate", "B-CAMBRIDGE");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject order(String externalId, JsonObject line) {
    return new JsonObject().put("externalId", externalId)
        .put("customer", new JsonObject().put("id", "C-" + externalId).put("name", "Grace Hopper"))
        .put("shipTo", new JsonObject().put("name", "Grace Hopper").put("line1", "1 Tremont St").put("city", "Boston")
            .put("region", "MA").put("postalCode", "02108").put("lat", TestNetwork.BOSTON_LAT)
            .put("lon", TestNetwork.BOSTON_LON))
        .put("lines", new JsonArray().add(line));
  }

  static Future<HttpResponse<Buffer>> place(String key, JsonObject body) {
    return node.client().post("/api/v1/orders").putHeader("X-Api-Key", web).putHeader("Idempotency-Key", key)
        .sendJsonObject(body);
  }


  static void waitFor(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < until, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  @Test
  @DisplayName("a device that drops its socket while 50 tasks are created resumes and gets each missed event once,"
      + " in order")
  void shipTaskReachesTheDeviceAndResumeIsExact() throws Exception {
    StoreAppClient dora = node.device("dora");
    List<FeedEvent> events = new CopyOnWriteArrayList<>();
    FeedSubscription feed = dora.follow("B-DOWNTOWN", 0, events::add);
    feed.awaitLive().await(30, TimeUnit.SECONDS);

    HttpResponse<Buffer> first = place("feed-first", order("F-first", new JsonObject().put("sku", "TEE-1")
        .put("quantity", 2).put("method", "ship"))).await(30, TimeUnit.SECONDS);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    waitFor(() -> !events.isEmpty(), "the first task");
    FeedEvent created = events.get(0);
    assertEquals("task-created", created.type());
    assertEquals(first.bodyAsJsonObject().getString("id"), created.orderId());
    Task task = created.task();
    assertEquals(TaskType.SHIP_FROM_STORE, task.type());
    assertEquals(TaskStatus.OPEN, task.status());
    assertEquals("TEE-1", task.lines().get(0).sku());
    assertEquals("036000291452", task.lines().get(0).upc());
    assertEquals(2, task.lines().get(0).quantity());
    assertTrue(task.dueAt().isAfter(task.createdAt()));
    List<Task> listed = dora.tasks("B-DOWNTOWN").await(30, TimeUnit.SECONDS);
    assertTrue(listed.stream().anyMatch(t -> t.id().equals(task.id())), "the task is in the store's list");

    feed.dropConnection();
    List<Future<HttpResponse<Buffer>>> orders = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // HOT-1 is stocked only downtown: every one of these orders makes a task there.
      orders.add(place("feed-" + i, order("F-" + i, new JsonObject().put("sku", "HOT-1").put("quantity", 1)
          .put("method", "ship"))));
    }
    Future.all(orders).await(60, TimeUnit.SECONDS);
    for (Future<HttpResponse<Buffer>> f : orders) {
      assertEquals(201, f.result().statusCode(), f.result().bodyAsString());
    }
    long lastSeq = node.queryLong("SELECT last_seq FROM store_feed_seq WHERE location_id = 'B-DOWNTOWN'");
    waitFor(() -> feed.lastSeq() == lastSeq, "the missed events");
    Thread.sleep(300);
    List<Long> seqs = events.stream().map(FeedEvent::seq).toList();
    for (int i = 1; i < seqs.size(); i++) {
      assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "in order, no gap, no repeat: " + seqs);
    }
    Set<String> tasks = new HashSet<>();
    events.forEach(e -> tasks.add(e.taskId()));
    assertEquals(events.size(), tasks.size(), "each task announced once");
    assertEquals(51, events.size());
    feed.close().await(10, TimeUnit.SECONDS);
    dora.close();
  }

  @Test
  @DisplayName("a pickup becomes a pickup task at the chosen store; an associate of another store cannot follow or"
      + " list it")
  void pickupTaskAndStoreBoundary() throws Exception {
    StoreAppClient carl = node.device("carl");
    List<FeedEvent> events = new CopyOnWriteArrayList<>();
    FeedSubscription feed = carl.follow("B-CAMBRIDGE", 0, events::add);
    feed.awaitLive().await(30, TimeUnit.SECONDS);
    HttpResponse<Buffer> r = place("pickup-1", order("P-1", new JsonObject().put("sku", "MUG-1").put("quantity", 1)
        .put("method", "pickup").put("pickupLocationId", "B-CAMBRIDGE"))).await(30, TimeUnit.SECONDS);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    waitFor(() -> events.stream().anyMatch(e -> e.orderId().equals(r.bodyAsJsonObject().getString("id"))),
        "the pickup task");
    FeedEvent e = events.stream().filter(x -> x.orderId().equals(r.bodyAsJsonObject().getString("id"))).findFirst()
        .orElseThrow();
    assertEquals(TaskType.PICKUP, e.task().type());
    assertEquals("B-CAMBRIDGE", e.storeId());

    String carlToken = node.token("carl", "pw-carl-12345");
    HttpResponse<Buffer> list = node.call(HttpMethod.GET, "/api/v1/stores/B-DOWNTOWN/tasks", carlToken, null);
    assertEquals(403, list.statusCode(), list.bodyAsString());
    Throwable refused = node.node().vertx().createWebSocketClient().connect(new WebSocketConnectOptions()
            .setHost("127.0.0.1").setPort(node.node().httpPort()).setURI("/api/v1/stores/B-DOWNTOWN/feed?after=0")
            .addHeader("Authorization", "Bearer " + carlToken))
        .transform(ar -> Future.succeededFuture(ar.cause())).await(30, TimeUnit.SECONDS);
    assertInstanceOf(UpgradeRejectedException.class, refused);
    assertEquals(403, ((UpgradeRejectedException) refused).getStatus());
    // A browser passes its token in the query of the upgrade (it cannot set headers); only upgrades accept it.
    var browser = node.node().vertx().createWebSocketClient().webSocket();
    io.vertx.core.Promise<String> firstMessage = io.vertx.core.Promise.promise();
    browser.textMessageHandler(firstMessage::tryComplete);
    browser.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.node().httpPort())
        .setURI("/api/v1/stores/B-CAMBRIDGE/feed?after=0&access_token=" + carlToken)).await(30, TimeUnit.SECONDS);
    String first = firstMessage.future().await(30, TimeUnit.SECONDS);
    assertTrue(first.contains("\"type\":\"event\"") || first.contains("\"type\":\"ready\""), first);
    browser.close();
    assertEquals(401, node.call(HttpMethod.GET, "/api/v1/stores/B-CAMBRIDGE/tasks?access_token=" + carlToken, null,
        null).statusCode(), "a token in the query is not accepted on plain requests");
    HttpResponse<Buffer> noUpgrade = node.call(HttpMethod.GET, "/api/v1/stores/B-CAMBRIDGE/feed", carlToken, null);
    assertEquals(400, noUpgrade.statusCode(), noUpgrade.bodyAsString());
    feed.close().await(10, TimeUnit.SECONDS);
    carl.close();
  }
}
