package dev.aisle.server.fulfillment;

import dev.aisle.api.FeedEvent;
import dev.aisle.api.Handover;
import dev.aisle.api.Pack;
import dev.aisle.api.PickScan;
import dev.aisle.api.TaskType;
import dev.aisle.api.client.FeedSubscription;
import dev.aisle.api.client.StoreAppClient;
import dev.aisle.server.testing.TestNetwork;
import dev.aisle.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One order, a shipped line and a pickup line, fulfilled by two stores' devices through the device client. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EndToEndTest {

  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("end_to_end");
    String admin = node.adminToken();
    node.userToken(admin, "sam", "associate", "B-DOWNTOWN");
    node.userToken(admin, "pia", "associate", "B-CAMBRIDGE");
  }

  @AfterAll
  static void stop() {
    node.close();
  }


  @Test
  @DisplayName("ship line and pickup line: both stores' devices get their tasks; pick, pack, ship; ready, hand over;"
      + " the order completes with its timeline, on-hand right at both stores")
  void shipAndPickup() throws Exception {
    String admin = node.adminToken();
    String web = node.apiKey(admin, "web", "storefront");
    long downtownHot = node.queryLong("SELECT on_hand FROM stock WHERE sku = 'HOT-1' AND location_id = 'B-DOWNTOWN'");
    long cambridgeMugs = node.queryLong("SELECT on_hand FROM stock WHERE sku = 'MUG-1' AND location_id = 'B-CAMBRIDGE'");
    StoreAppClient sam = node.device("sam");
    StoreAppClient pia = node.device("pia");
    List<FeedEvent> downtown = new CopyOnWriteArrayList<>();
    List<FeedEvent> cambridge = new CopyOnWriteArrayList<>();
    FeedSubscription samFeed = sam.follow("B-DOWNTOWN", 0, downtown::add);
    FeedSubscription piaFeed = pia.follow("B-CAMBRIDGE", 0, cambridge::add);
    samFeed.awaitLive().await(30, TimeUnit.SECONDS);
    piaFeed.awaitLive().await(30, TimeUnit.SECONDS);

    JsonObject body = new JsonObject().put("externalId", "E2E-1")
        .put("customer", new JsonObject().put("id", "C-E2E").put("name", "Katherine Johnson"))
        .put("shipTo", new JsonObject().put("name", "Katherine Johnson").put("line1", "1 Tremont St")
            .put("city", "Boston").put("region", "MA").put("postalCode", "02108").put("lat", TestNetwork.BOSTON_LAT)
            .put("lon", TestNetwork.BOSTON_LON))
        .put("lines", new JsonArray()
            .add(new JsonObject().put("sku", "HOT-1").put("quantity", 1).put("method", "ship"))
            .add(new JsonObject().put("sku", "MUG-1").put("quantity", 1).put("method", "pickup")
                .put("pickupLocationId", "B-CAMBRIDGE")));
    HttpResponse<Buffer> placed = node.client().post("/api/v1/orders").putHeader("X-Api-Key", web)
        .putHeader("Idempotency-Key", "e2e-1").sendJsonObject(body).await(30, TimeUnit.SECONDS);
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    String orderId = placed.bodyAsJsonObject().getString("id");

    StoreFeedTest.waitFor(() -> downtown.stream().anyMatch(e -> e.orderId().equals(orderId))
        && cambridge.stream().anyMatch(e -> e.orderId().equals(orderId)), "both stores' tasks");
    FeedEvent ship = downtown.stream().filter(e -> e.orderId().equals(orderId)).findFirst().orElseThrow();
    FeedEvent pickup = cambridge.stream().filter(e -> e.orderId().equals(orderId)).findFirst().orElseThrow();
    assertEquals(TaskType.SHIP_FROM_STORE, ship.task().type());
    assertEquals(TaskType.PICKUP, pickup.task().type());

    sam.claim(ship.taskId()).await(30, TimeUnit.SECONDS);
    sam.pick(ship.taskId(), new PickScan("885909950805", 1)).await(30, TimeUnit.SECONDS);
    sam.pack(ship.taskId(), new Pack(List.of(new Pack.Package(9.2, 110, 70, 15)))).await(30, TimeUnit.SECONDS);
    HttpResponse<Buffer> label = node.call(HttpMethod.GET, "/api/v1/tasks/" + ship.taskId() + "/label",
        node.token("sam", "pw-sam-12345"), null);
    String tracking = node.queryString("SELECT tracking_number FROM shipments WHERE task_id = '" + ship.taskId() + "'");
    try (var pdf = org.apache.pdfbox.Loader.loadPDF(label.body().getBytes())) {
      assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).contains(tracking));
      var image = new org.apache.pdfbox.rendering.PDFRenderer(pdf).renderImageWithDPI(0, 300,
          org.apache.pdfbox.rendering.ImageType.GRAY);
      assertEquals(java.util.Set.of(tracking), dev.aisle.server.fulfillment.shipping.Code128Decoder.decode(image),
          "the label's barcode scans as the tracking number");
    }
    sam.ship(ship.taskId()).await(30, TimeUnit.SECONDS);
    assertEquals("partly-shipped", node.queryString("SELECT status FROM orders WHERE id = '" + orderId + "'"));

    pia.claim(pickup.taskId()).await(30, TimeUnit.SECONDS);
    pia.pick(pickup.taskId(), new PickScan("012345678905", 1)).await(30, TimeUnit.SECONDS);
    pia.stage(pickup.taskId()).await(30, TimeUnit.SECONDS);
    pia.ready(pickup.taskId()).await(30, TimeUnit.SECONDS);
    String code = node.queryString("SELECT payload->>'pickupCode' FROM notifications WHERE order_id = '" + orderId
        + "'");
    pia.handover(pickup.taskId(), new Handover(code, null, null)).await(30, TimeUnit.SECONDS);

    JsonObject order = node.call(HttpMethod.GET, "/api/v1/orders/" + orderId, admin, null).bodyAsJsonObject();
    assertEquals("completed", order.getString("status"), order.encode());
    List<String> timeline = order.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type"))
        .toList();
    assertEquals(List.of("created", "allocated", "shipped", "ready-for-pickup", "picked-up"), timeline);
    assertEquals(downtownHot - 1, node.queryLong("SELECT on_hand FROM stock WHERE sku = 'HOT-1'"
        + " AND location_id = 'B-DOWNTOWN'"));
    assertEquals(cambridgeMugs - 1, node.queryLong("SELECT on_hand FROM stock WHERE sku = 'MUG-1'"
        + " AND location_id = 'B-CAMBRIDGE'"));
    assertEquals(0, node.queryLong("SELECT count(*) FROM allocations WHERE order_id = '" + orderId
        + "' AND status = 'open'"));
    List<String> shipEvents = downtown.stream().filter(e -> e.taskId().equals(ship.taskId())).map(FeedEvent::type)
        .toList();
    StoreFeedTest.waitFor(() -> downtown.stream().anyMatch(e -> e.type().equals("task-shipped")), "shipped event");
    assertTrue(shipEvents.containsAll(List.of("task-created", "task-claimed", "task-picked", "task-packed")),
        shipEvents.toString());
    samFeed.close().await(10, TimeUnit.SECONDS);
    piaFeed.close().await(10, TimeUnit.SECONDS);
    sam.close();
    pia.close();
  }
}
