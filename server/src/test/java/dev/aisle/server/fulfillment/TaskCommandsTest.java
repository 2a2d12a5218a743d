package dev.aisle.server.fulfillment;

import dev.aisle.api.FeedEvent;
import dev.aisle.api.PickScan;
import dev.aisle.api.Task;
import dev.aisle.api.TaskStatus;
import dev.aisle.api.client.FeedSubscription;
import dev.aisle.api.client.StoreAppClient;
import dev.aisle.api.client.StoreAppException;
import dev.aisle.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Associates claim and pick tasks from their devices, through the device client. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TaskCommandsTest {

  static TestNode node;
  static String web;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("task_commands");
    String admin = node.adminToken();
    web = node.apiKey(admin, "web-shop", "storefront");
    node.userToken(admin, "ann", "associate", "B-DOWNTOWN");
    node.userToken(admin, "bob", "associate", "B-DOWNTOWN");
    node.userToken(admin, "cat", "associate", "B-CAMBRIDGE");
    node.userToken(admin, "cam", "associate", "B-CAMBRIDGE");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Task newTask(String ref, long quantity) throws Exception {
    HttpResponse<Buffer> r = node.client().post("/api/v1/orders").putHeader("X-Api-Key", web)
        .putHeader("Idempotency-Key", "cmd-" + ref).sendJsonObject(StoreFeedTest.order("CMD-" + ref,
            new JsonObject().put("sku", "HOT-1").put("quantity", quantity).put("method", "ship")))
        .await(30, TimeUnit.SECONDS);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String orderId = r.bodyAsJsonObject().getString("id");
    StoreAppClient ann = node.device("ann");
    Task task = ann.tasks("B-DOWNTOWN").await(30, TimeUnit.SECONDS).stream()
        .filter(t -> t.orderId().equals(orderId)).findFirst().orElseThrow();
    ann.close();
    return task;
  }

  static int status(Future<?> f) {
    Throwable e = f.transform(ar -> Future.succeededFuture(ar.cause())).await();
    assertInstanceOf(StoreAppException.class, e);
    return ((StoreAppException) e).status();
  }

  @Test
  @DisplayName("two devices race to claim one task: one wins, the other gets 409; another store's associate gets 403")
  void claimRace() throws Exception {
    Task task = newTask("race", 1);
    StoreAppClient ann = node.device("ann");
    StoreAppClient bob = node.device("bob");
    Future<Task> a = ann.claim(task.id());
    Future<Task> b = bob.claim(task.id());
    Future.join(a, b).transform(ar -> Future.succeededFuture()).await(30, TimeUnit.SECONDS);
    assertTrue(a.succeeded() ^ b.succeeded(), "exactly one claim wins");
    Future<Task> lost = a.succeeded() ? b : a;
    assertEquals(409, ((StoreAppException) lost.cause()).status());
    Task won = a.succeeded() ? a.result() : b.result();
    assertEquals(TaskStatus.PICKING, won.status());
    StoreAppClient cat = node.device("cat");
    assertEquals(403, status(cat.claim(task.id())));
    assertEquals(403, status(cat.tasks("B-DOWNTOWN")));
    ann.close();
    bob.close();
    cat.close();
  }

  @Test
  @DisplayName("picking checks the scanned barcode and the quantity, finishes the task, and every step reaches the feed")
  void pickByBarcode() throws Exception {
    Task task = newTask("pick", 2);
    StoreAppClient ann = node.device("ann");
    List<FeedEvent> events = new CopyOnWriteArrayList<>();
    FeedSubscription feed = ann.follow("B-DOWNTOWN", 0, events::add);
    feed.awaitLive().await(30, TimeUnit.SECONDS);
    assertEquals(409, status(ann.pick(task.id(), new PickScan("885909950805", 1))), "pick before claim");

    Task claimed = ann.claim(task.id(), "claim-key").await(30, TimeUnit.SECONDS);
    Task again = ann.claim(task.id(), "claim-key").await(30, TimeUnit.SECONDS);
    assertEquals(claimed.updatedAt(), again.updatedAt(), "a retry with the same key answers the first answer");
    assertEquals(422, status(ann.pick(task.id(), new PickScan("036000291452", 1))), "wrong barcode");
    assertEquals(422, status(ann.pick(task.id(), new PickScan("885909950805", 3))), "more than ordered");
    Task half = ann.pick(task.id(), new PickScan("885909950805", 1)).await(30, TimeUnit.SECONDS);
    assertEquals(TaskStatus.PICKING, half.status());
    assertEquals(1, half.lines().get(0).picked());
    Task done = ann.pick(task.id(), new PickScan("885909950805", 1)).await(30, TimeUnit.SECONDS);
    assertEquals(TaskStatus.PICKED, done.status());
    assertEquals(409, status(ann.pick(task.id(), new PickScan("885909950805", 1))), "a picked task takes no more");

    StoreFeedTest.waitFor(() -> events.stream().filter(e -> e.taskId().equals(task.id())).count() >= 3,
        "claim and picks on the feed");
    List<String> types = events.stream().filter(e -> e.taskId().equals(task.id())).map(FeedEvent::type).toList();
    assertEquals(List.of("task-claimed", "task-picked", "task-picked"), types.subList(types.size() - 3,
        types.size()));
    feed.close().await(10, TimeUnit.SECONDS);
    ann.close();
  }

  @Test
  @DisplayName("pickup: claim, pick, stage, ready (code to the customer's outbox), a wrong code is 422, the right one"
      + " hands it over: stock leaves the store, the order is picked up")
  void pickupFlow() throws Exception {
    String admin = node.adminToken();
    long onHandBefore = node.queryLong("SELECT on_hand FROM stock WHERE sku = 'MUG-1' AND location_id = 'B-CAMBRIDGE'");
    HttpResponse<Buffer> r = node.client().post("/api/v1/orders").putHeader("X-Api-Key", web)
        .putHeader("Idempotency-Key", "cmd-pickup").sendJsonObject(StoreFeedTest.order("CMD-pickup",
            new JsonObject().put("sku", "MUG-1").put("quantity", 1).put("method", "pickup")
                .put("pickupLocationId", "B-CAMBRIDGE"))).await(30, TimeUnit.SECONDS);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String orderId = r.bodyAsJsonObject().getString("id");
    StoreAppClient cat = node.device("cat");
    Task task = cat.tasks("B-CAMBRIDGE").await(30, TimeUnit.SECONDS).stream()
        .filter(t -> t.orderId().equals(orderId)).findFirst().orElseThrow();
    cat.claim(task.id()).await(30, TimeUnit.SECONDS);
    assertEquals("in-fulfilment", node.queryString("SELECT status FROM orders WHERE id = '" + orderId + "'"));
    assertEquals(409, status(cat.ready(task.id())), "not staged yet");
    cat.pick(task.id(), new PickScan("012345678905", 1)).await(30, TimeUnit.SECONDS);
    cat.stage(task.id()).await(30, TimeUnit.SECONDS);
    Task ready = cat.ready(task.id()).await(30, TimeUnit.SECONDS);
    assertEquals(TaskStatus.READY, ready.status());
    assertEquals("ready-for-pickup", node.queryString("SELECT status FROM orders WHERE id = '" + orderId + "'"));
    // the storefront learns the code from the order's notifications, to tell its customer
    JsonObject told = node.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/orders/" + orderId + "/notifications",
        web, null).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals("ready-for-pickup", told.getString("kind"));
    String code = told.getJsonObject("payload").getString("pickupCode");
    assertEquals(node.queryString("SELECT payload->>'pickupCode' FROM notifications WHERE order_id = '" + orderId
        + "' AND kind = 'ready-for-pickup'"), code);
    assertEquals(6, code.length());
    String wrong = code.equals("000000") ? "111111" : "000000";
    assertEquals(422, status(cat.handover(task.id(), new dev.aisle.api.Handover(wrong, null, null))));
    Task handed = cat.handover(task.id(), new dev.aisle.api.Handover(code, null, null)).await(30, TimeUnit.SECONDS);
    assertEquals(TaskStatus.HANDED_OVER, handed.status());
    assertEquals(onHandBefore - 1, node.queryLong("SELECT on_hand FROM stock WHERE sku = 'MUG-1'"
        + " AND location_id = 'B-CAMBRIDGE'"));
    assertEquals(0, node.queryLong("SELECT count(*) FROM allocations WHERE order_id = '" + orderId
        + "' AND status = 'open'"));
    assertEquals("picked-up", node.queryString("SELECT status FROM orders WHERE id = '" + orderId + "'"));
    HttpResponse<Buffer> order = node.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/orders/" + orderId, admin,
        null);
    List<String> timeline = order.bodyAsJsonObject().getJsonArray("events").stream()
        .map(e -> ((JsonObject) e).getString("type")).toList();
    assertTrue(timeline.containsAll(List.of("created", "allocated", "ready-for-pickup", "picked-up")),
        timeline.toString());
    StoreFeedTest.waitFor(() -> {
      try {
        return cat.tasks("B-CAMBRIDGE").await(30, TimeUnit.SECONDS).stream().noneMatch(t -> t.id().equals(task.id()));
      } catch (Exception e) {
        return false;
      }
    }, "a handed-over task leaves the to-do list");
    cat.close();
  }

  @Test
  @DisplayName("the bin a stock feed sets for a SKU at the store is on that line of the store's tasks; \"\" clears it,"
      + " a malformed bin is a 400 naming the field")
  void linesCarryTheBin() throws Exception {
    String admin = node.adminToken();
    String position = "/api/v1/inventory/B-DOWNTOWN/HOT-1";
    long onHand = node.call(io.vertx.core.http.HttpMethod.GET, position, admin, null).bodyAsJsonObject()
        .getLong("onHand");
    HttpResponse<Buffer> bad = node.call(io.vertx.core.http.HttpMethod.PUT, position, admin,
        new JsonObject().put("onHand", onHand).put("bin", "aisle 7, top shelf"));
    assertEquals(400, bad.statusCode(), bad.bodyAsString());
    assertEquals("bin", bad.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    HttpResponse<Buffer> set = node.call(io.vertx.core.http.HttpMethod.PUT, position, admin,
        new JsonObject().put("onHand", onHand).put("bin", "A07-03"));
    assertEquals(200, set.statusCode(), set.bodyAsString());

    StoreAppClient ann = node.device("ann");
    List<FeedEvent> events = new CopyOnWriteArrayList<>();
    FeedSubscription feed = ann.follow("B-DOWNTOWN", 0, events::add);
    feed.awaitLive().await(30, TimeUnit.SECONDS);
    Task task = newTask("bin", 1);
    assertEquals("A07-03", task.lines().get(0).bin());
    StoreFeedTest.waitFor(() -> events.stream().anyMatch(e -> e.taskId().equals(task.id())), "the new task's event");
    FeedEvent created = events.stream().filter(e -> e.taskId().equals(task.id())).findFirst().orElseThrow();
    assertEquals("task-created", created.type());
    assertEquals("A07-03", created.task().lines().get(0).bin(), "the first event has the bin too");
    assertEquals("CMD-bin", node.queryString("SELECT payload->>'orderNumber' FROM store_feed WHERE task_id = '"
        + task.id() + "' AND type = 'task-created'"), "and the order number");
    assertEquals("CMD-bin", node.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/tasks/" + task.id(), admin, null)
        .bodyAsJsonObject().getString("orderNumber"));
    feed.close().await(10, TimeUnit.SECONDS);
    node.call(io.vertx.core.http.HttpMethod.PUT, position, admin, new JsonObject().put("onHand", onHand));
    assertEquals("A07-03", node.queryString("SELECT bin FROM stock WHERE sku = 'HOT-1' AND location_id = 'B-DOWNTOWN'"),
        "a feed without a bin keeps it");
    node.call(io.vertx.core.http.HttpMethod.PUT, position, admin, new JsonObject().put("onHand", onHand).put("bin", ""));
    assertEquals(null, ann.tasks("B-DOWNTOWN").await(30, TimeUnit.SECONDS).stream()
        .filter(t -> t.id().equals(task.id())).findFirst().orElseThrow().lines().get(0).bin());
    ann.close();
  }

  @Test
  @DisplayName("a short pick of the rest of a half-picked line keeps the picked unit: the line shrinks, the task is"
      + " picked")
  void shortPickAfterAPick() throws Exception {
    Task task = newTask("short-half", 2);
    StoreAppClient ann = node.device("ann");
    ann.claim(task.id()).await(30, TimeUnit.SECONDS);
    ann.pick(task.id(), new PickScan("885909950805", 1)).await(30, TimeUnit.SECONDS);
    Task shorted = ann.shortPick(task.id(), new dev.aisle.api.ShortPick(1, 1, "damaged")).await(30, TimeUnit.SECONDS);
    assertEquals(TaskStatus.PICKED, shorted.status());
    assertEquals(1, shorted.lines().size());
    assertEquals(1, shorted.lines().get(0).quantity());
    assertEquals(1, shorted.lines().get(0).picked());
    ann.close();
  }

  @Test
  @DisplayName("ship from store: claim, pick, pack (label PDF with the tracking number, packing slip), ship: stock"
      + " leaves the store, reservations end, the order is shipped")
  void shipFlow() throws Exception {
    String admin = node.adminToken();
    JsonObject before = node.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/inventory/B-DOWNTOWN/HOT-1", admin,
        null).bodyAsJsonObject();
    Task task = newTask("ship", 1);
    StoreAppClient ann = node.device("ann");
    ann.claim(task.id()).await(30, TimeUnit.SECONDS);
    ann.pick(task.id(), new PickScan("885909950805", 1)).await(30, TimeUnit.SECONDS);
    assertEquals(422, status(ann.pack(task.id(), new dev.aisle.api.Pack(List.of(
        new dev.aisle.api.Pack.Package(45, 30, 20, 10))))), "over the carrier's weight limit");
    Task packed = ann.pack(task.id(), new dev.aisle.api.Pack(List.of(new dev.aisle.api.Pack.Package(9.5, 60, 40, 20))))
        .await(30, TimeUnit.SECONDS);
    assertEquals(TaskStatus.PACKED, packed.status());
    String tracking = node.queryString("SELECT tracking_number FROM shipments WHERE task_id = '" + task.id() + "'");
    assertTrue(tracking.matches("AL\\d{13}"), tracking);

    String token = node.token("ann", "pw-ann-12345");
    HttpResponse<Buffer> label = node.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/tasks/" + task.id()
        + "/label", token, null);
    assertEquals(200, label.statusCode());
    assertEquals("application/pdf", label.getHeader("content-type"));
    try (var pdf = org.apache.pdfbox.Loader.loadPDF(label.body().getBytes())) {
      assertEquals(432, Math.round(pdf.getPage(0).getMediaBox().getHeight()));
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
      assertTrue(text.contains(tracking), text);
      assertTrue(text.contains("Boston"), text);
    }
    HttpResponse<Buffer> slip = node.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/tasks/" + task.id()
        + "/packing-slip", token, null);
    try (var pdf = org.apache.pdfbox.Loader.loadPDF(slip.body().getBytes())) {
      assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).contains("885909950805"));
    }

    Task shipped = ann.ship(task.id()).await(30, TimeUnit.SECONDS);
    assertEquals(TaskStatus.SHIPPED, shipped.status());
    assertEquals("shipped", node.queryString("SELECT status FROM orders WHERE id = '" + task.orderId() + "'"));
    StoreFeedTest.waitFor(() -> {
      try {
        JsonObject after = node.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/inventory/B-DOWNTOWN/HOT-1", admin,
            null).bodyAsJsonObject();
        return after.getLong("onHand") == before.getLong("onHand") - 1
            && after.getLong("reserved") == before.getLong("reserved");
      } catch (Exception e) {
        return false;
      }
    }, "on-hand down by one and the reservation gone, in the pool");
    assertEquals(before.getLong("onHand") - 1, node.queryLong("SELECT on_hand FROM stock WHERE sku = 'HOT-1'"
        + " AND location_id = 'B-DOWNTOWN'"));
    ann.close();
  }

  @Test
  @DisplayName("cancelling an order cancels its open tasks: the store's devices hear it, and the task takes no more"
      + " steps")
  void cancelledOrderCancelsTasks() throws Exception {
    Task task = newTask("cancel", 1);
    StoreAppClient ann = node.device("ann");
    List<FeedEvent> events = new CopyOnWriteArrayList<>();
    FeedSubscription feed = ann.follow("B-DOWNTOWN", 0, events::add);
    feed.awaitLive().await(30, TimeUnit.SECONDS);
    HttpResponse<Buffer> c = node.call(io.vertx.core.http.HttpMethod.POST, "/api/v1/orders/" + task.orderId()
        + "/cancel", node.adminToken(), new JsonObject().put("reason", "customer asked"));
    assertEquals(200, c.statusCode(), c.bodyAsString());
    StoreFeedTest.waitFor(() -> events.stream().anyMatch(e -> e.taskId().equals(task.id())
        && e.type().equals("task-cancelled")), "the cancellation on the feed");
    assertEquals(409, status(ann.claim(task.id())));
    assertTrue(ann.tasks("B-DOWNTOWN").await(30, TimeUnit.SECONDS).stream().noneMatch(t -> t.id().equals(task.id())));
    feed.close().await(10, TimeUnit.SECONDS);
    ann.close();
  }

  @Test
  @DisplayName("a short pick lowers on-hand at the store and re-routes the rest to another store, whose device gets"
      + " the new task; with no stock anywhere the line is cancelled and the customer told")
  void shortPickReroutes() throws Exception {
    long downtownTees = node.queryLong("SELECT on_hand FROM stock WHERE sku = 'TEE-1' AND location_id = 'B-DOWNTOWN'");
    long cambridgeTees = node.queryLong("SELECT on_hand FROM stock WHERE sku = 'TEE-1' AND location_id = 'B-CAMBRIDGE'");
    assertEquals(200, node.call(io.vertx.core.http.HttpMethod.PUT, "/api/v1/inventory/B-CAMBRIDGE/TEE-1",
        node.adminToken(), new JsonObject().put("onHand", cambridgeTees).put("bin", "B01-02")).statusCode());
    HttpResponse<Buffer> r = node.client().post("/api/v1/orders").putHeader("X-Api-Key", web)
        .putHeader("Idempotency-Key", "cmd-short").sendJsonObject(StoreFeedTest.order("CMD-short",
            new JsonObject().put("sku", "TEE-1").put("quantity", 1).put("method", "ship")))
        .await(30, TimeUnit.SECONDS);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String orderId = r.bodyAsJsonObject().getString("id");
    assertEquals("B-DOWNTOWN", r.bodyAsJsonObject().getJsonArray("lines").getJsonObject(0).getJsonArray("allocations")
        .getJsonObject(0).getString("locationId"));
    StoreAppClient cam = node.device("cam");
    List<FeedEvent> cambridge = new CopyOnWriteArrayList<>();
    FeedSubscription feed = cam.follow("B-CAMBRIDGE", 0, cambridge::add);
    feed.awaitLive().await(30, TimeUnit.SECONDS);

    StoreAppClient ann = node.device("ann");
    Task task = ann.tasks("B-DOWNTOWN").await(30, TimeUnit.SECONDS).stream()
        .filter(t -> t.orderId().equals(orderId)).findFirst().orElseThrow();
    ann.claim(task.id()).await(30, TimeUnit.SECONDS);
    Task shorted = ann.shortPick(task.id(), new dev.aisle.api.ShortPick(1, 1, "empty shelf"))
        .await(30, TimeUnit.SECONDS);
    assertEquals(TaskStatus.CANCELLED, shorted.status(), "nothing left to pick here");
    assertEquals(downtownTees - 1, node.queryLong("SELECT on_hand FROM stock WHERE sku = 'TEE-1'"
        + " AND location_id = 'B-DOWNTOWN'"));
    StoreFeedTest.waitFor(() -> cambridge.stream().anyMatch(e -> e.orderId().equals(orderId)
        && e.type().equals("task-created")), "the re-routed task at Cambridge");
    assertEquals("B01-02", cambridge.stream().filter(e -> e.orderId().equals(orderId)).findFirst().orElseThrow().task()
        .lines().get(0).bin(), "the re-routed task's first event has the bin at Cambridge");
    assertEquals("B-CAMBRIDGE", node.queryString("SELECT location_id FROM allocations WHERE order_id = '" + orderId
        + "' AND status = 'open'"));
    JsonObject routing = node.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/orders/" + orderId + "/routing",
        node.adminToken(), null).bodyAsJsonObject();
    assertEquals("short pick at B-DOWNTOWN", routing.getJsonObject("current").getString("reason"));

    // HOT-1 is stocked only downtown: a short there finds nowhere else, and the default rules cancel the rest.
    Task hot = newTask("short-hot", 1);
    ann.claim(hot.id()).await(30, TimeUnit.SECONDS);
    ann.shortPick(hot.id(), new dev.aisle.api.ShortPick(1, 1, "damaged")).await(30, TimeUnit.SECONDS);
    assertEquals(1, node.queryLong("SELECT cancelled FROM order_lines WHERE order_id = '" + hot.orderId() + "'"));
    assertEquals("cancelled", node.queryString("SELECT status FROM orders WHERE id = '" + hot.orderId() + "'"),
        "nothing left to fulfil");
    assertEquals(1, node.queryLong("SELECT count(*) FROM notifications WHERE order_id = '" + hot.orderId()
        + "' AND kind = 'item-unavailable'"));
    feed.close().await(10, TimeUnit.SECONDS);
    cam.close();
    ann.close();
  }

  @Test
  @DisplayName("ship-to-store: Cambridge ships a transfer, downtown receives it (on-hand up, held for the order),"
      + " then the pickup is handed over")
  void transferThenPickup() throws Exception {
    String admin = node.adminToken();
    JsonObject downtown = node.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/locations/B-DOWNTOWN", admin, null)
        .bodyAsJsonObject();
    downtown.put("capabilities", new io.vertx.core.json.JsonArray().add("pickup").add("ship").add("ship-to-store"));
    HttpResponse<Buffer> put = node.call(io.vertx.core.http.HttpMethod.PUT, "/api/v1/locations/B-DOWNTOWN", admin,
        downtown);
    assertTrue(put.statusCode() < 300, put.bodyAsString());
    HttpResponse<Buffer> r = node.client().post("/api/v1/orders").putHeader("X-Api-Key", web)
        .putHeader("Idempotency-Key", "cmd-transfer").sendJsonObject(StoreFeedTest.order("CMD-transfer",
            new JsonObject().put("sku", "MUG-1").put("quantity", 1).put("method", "pickup")
                .put("pickupLocationId", "B-DOWNTOWN"))).await(30, TimeUnit.SECONDS);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String orderId = r.bodyAsJsonObject().getString("id");
    StoreAppClient cam = node.device("cam");
    StoreAppClient ann = node.device("ann");
    Task send = cam.tasks("B-CAMBRIDGE").await(30, TimeUnit.SECONDS).stream()
        .filter(t -> t.orderId().equals(orderId)).findFirst().orElseThrow();
    Task pickup = ann.tasks("B-DOWNTOWN").await(30, TimeUnit.SECONDS).stream()
        .filter(t -> t.orderId().equals(orderId)).findFirst().orElseThrow();
    assertEquals(dev.aisle.api.TaskType.SHIP_TO_STORE, send.type());
    assertEquals("B-DOWNTOWN", send.transferTo());
    assertEquals(TaskStatus.AWAITING_TRANSFER, pickup.status());
    assertEquals(409, status(ann.receive(pickup.id())), "nothing shipped yet");

    cam.claim(send.id()).await(30, TimeUnit.SECONDS);
    cam.pick(send.id(), new PickScan("012345678905", 1)).await(30, TimeUnit.SECONDS);
    cam.pack(send.id(), new dev.aisle.api.Pack(List.of(new dev.aisle.api.Pack.Package(0.5, 20, 20, 20))))
        .await(30, TimeUnit.SECONDS);
    cam.ship(send.id()).await(30, TimeUnit.SECONDS);
    Task received = ann.receive(pickup.id()).await(30, TimeUnit.SECONDS);
    assertEquals(TaskStatus.OPEN, received.status());
    StoreFeedTest.waitFor(() -> {
      try {
        JsonObject p = node.call(io.vertx.core.http.HttpMethod.GET, "/api/v1/inventory/B-DOWNTOWN/MUG-1", admin, null)
            .bodyAsJsonObject();
        return p.getLong("onHand") == 1 && p.getLong("reserved") == 1 && p.getLong("availableToSell") == 0;
      } catch (Exception e) {
        return false;
      }
    }, "the received unit on hand downtown and held for the order");
    ann.claim(pickup.id()).await(30, TimeUnit.SECONDS);
    ann.pick(pickup.id(), new PickScan("012345678905", 1)).await(30, TimeUnit.SECONDS);
    ann.stage(pickup.id()).await(30, TimeUnit.SECONDS);
    ann.ready(pickup.id()).await(30, TimeUnit.SECONDS);
    String code = node.queryString("SELECT payload->>'pickupCode' FROM notifications WHERE order_id = '" + orderId
        + "'");
    ann.handover(pickup.id(), new dev.aisle.api.Handover(code, null, null)).await(30, TimeUnit.SECONDS);
    assertEquals(0, node.queryLong("SELECT on_hand FROM stock WHERE sku = 'MUG-1' AND location_id = 'B-DOWNTOWN'"));
    assertEquals(0, node.queryLong("SELECT count(*) FROM allocations WHERE order_id = '" + orderId
        + "' AND status = 'open'"));
    assertEquals("picked-up", node.queryString("SELECT status FROM orders WHERE id = '" + orderId + "'"));
    cam.close();
    ann.close();
  }
}
