package dev.aisle.server.fulfillment;

import dev.aisle.api.FeedEvent;
import dev.aisle.api.PickScan;
import dev.aisle.api.Task;
import dev.aisle.api.client.FeedSubscription;
import dev.aisle.api.client.StoreAppClient;
import dev.aisle.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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

/** Tasks past their due time are announced late; pickups nobody collects expire and give their stock back. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TaskClockTest {

  static TestNode node;
  static String web;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("task_clock", Map.of("orders.sla.checkSeconds", 1, "orders.sla.stores",
        new JsonObject().put("B-CAMBRIDGE", new JsonObject().put("pickupMinutes", 30))));
    String admin = node.adminToken();
    web = node.apiKey(admin, "web", "storefront");
    node.userToken(admin, "lea", "associate", "B-DOWNTOWN");
    node.userToken(admin, "max", "associate", "B-CAMBRIDGE");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String place(String ref, JsonObject line) throws Exception {
    HttpResponse<Buffer> r = node.client().post("/api/v1/orders").putHeader("X-Api-Key", web)
        .putHeader("Idempotency-Key", ref).sendJsonObject(StoreFeedTest.order(ref, line)).await(30, TimeUnit.SECONDS);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }


  @Test
  @DisplayName("a task past its due time is announced late once on its store's feed and listed as late")
  void late() throws Exception {
    StoreAppClient lea = node.device("lea");
    List<FeedEvent> events = new CopyOnWriteArrayList<>();
    FeedSubscription feed = lea.follow("B-DOWNTOWN", 0, events::add);
    feed.awaitLive().await(30, TimeUnit.SECONDS);
    String order = place("late-1", new JsonObject().put("sku", "HOT-1").put("quantity", 1).put("method", "ship"));
    assertEquals(240 * 60, node.queryLong("SELECT extract(epoch FROM due_at - created_at)::bigint FROM tasks"
        + " WHERE order_id = '" + order + "'"), "the network's ship-from-store SLA: 4 hours");
    TestNode.sql(node.db(), "UPDATE tasks SET due_at = now() - interval '1 minute' WHERE order_id = '" + order + "'");
    StoreFeedTest.waitFor(() -> events.stream().anyMatch(e -> e.orderId().equals(order)
        && e.type().equals("task-late")), "the late announcement");
    Thread.sleep(2_500);
    assertEquals(1, events.stream().filter(e -> e.orderId().equals(order) && e.type().equals("task-late")).count(),
        "announced once");
    Task listed = lea.tasks("B-DOWNTOWN").await(30, TimeUnit.SECONDS).stream()
        .filter(t -> t.orderId().equals(order)).findFirst().orElseThrow();
    assertTrue(listed.late());
    feed.close().await(10, TimeUnit.SECONDS);
    lea.close();
  }

  @Test
  @DisplayName("a pickup not collected in time expires: the stock goes back, the order is cancelled, the customer"
      + " is told")
  void pickupExpires() throws Exception {
    String admin = node.adminToken();
    long reservedBefore = node.call(HttpMethod.GET, "/api/v1/inventory/B-CAMBRIDGE/MUG-1", admin, null)
        .bodyAsJsonObject().getLong("reserved");
    String order = place("expire-1", new JsonObject().put("sku", "MUG-1").put("quantity", 1).put("method", "pickup")
        .put("pickupLocationId", "B-CAMBRIDGE"));
    assertEquals(1800, node.queryLong("SELECT extract(epoch FROM due_at - created_at)::bigint FROM tasks"
        + " WHERE order_id = '" + order + "'"), "Cambridge's own pickup SLA: 30 minutes");
    StoreAppClient max = node.device("max");
    Task task = max.tasks("B-CAMBRIDGE").await(30, TimeUnit.SECONDS).stream()
        .filter(t -> t.orderId().equals(order)).findFirst().orElseThrow();
    max.claim(task.id()).await(30, TimeUnit.SECONDS);
    max.pick(task.id(), new PickScan("012345678905", 1)).await(30, TimeUnit.SECONDS);
    max.stage(task.id()).await(30, TimeUnit.SECONDS);
    max.ready(task.id()).await(30, TimeUnit.SECONDS);
    TestNode.sql(node.db(), "UPDATE tasks SET updated_at = now() - interval '200 hours' WHERE id = '" + task.id()
        + "'");
    StoreFeedTest.waitFor(() -> {
      try {
        return "expired".equals(node.queryString("SELECT status FROM tasks WHERE id = '" + task.id() + "'"));
      } catch (Exception e) {
        return false;
      }
    }, "the expiry");
    assertEquals("cancelled", node.queryString("SELECT status FROM orders WHERE id = '" + order + "'"));
    assertEquals(1, node.queryLong("SELECT count(*) FROM notifications WHERE order_id = '" + order
        + "' AND kind = 'pickup-expired'"));
    StoreFeedTest.waitFor(() -> {
      try {
        return node.call(HttpMethod.GET, "/api/v1/inventory/B-CAMBRIDGE/MUG-1", admin, null).bodyAsJsonObject()
            .getLong("reserved") == reservedBefore;
      } catch (Exception e) {
        return false;
      }
    }, "the stock back in the pool");
    max.close();
  }
}
