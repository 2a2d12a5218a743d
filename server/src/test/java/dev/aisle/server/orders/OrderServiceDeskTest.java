package dev.aisle.server.orders;

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
import java.util.concurrent.TimeUnit;

import static dev.aisle.server.orders.Orders.line;
import static dev.aisle.server.orders.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What customer service does with orders: find them, read why they went where, change and cancel them. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OrderServiceDeskTest {

  static TestNode node;
  static String admin;
  static String csr;
  static String web;
  static String app;
  static String associate;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("order_desk");
    admin = node.adminToken();
    csr = node.userToken(admin, "carla", "csr", null);
    associate = node.userToken(admin, "dora", "associate", "B-DOWNTOWN");
    web = node.apiKey(admin, "web-shop", "storefront");
    HttpResponse<Buffer> r = node.client().post("/api/v1/api-keys").bearerTokenAuthentication(admin)
        .sendJsonObject(new JsonObject().put("name", "app").put("role", "storefront").put("channel", "app"))
        .await(30, TimeUnit.SECONDS);
    app = r.bodyAsJsonObject().getString("key");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject place(String key, String idem, JsonObject body) throws Exception {
    HttpResponse<Buffer> r = node.client().post("/api/v1/orders").putHeader("X-Api-Key", key)
        .putHeader("Idempotency-Key", idem).sendJsonObject(body).await(30, TimeUnit.SECONDS);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static JsonObject get(String token, String uri, int status) throws Exception {
    HttpResponse<Buffer> r = node.call(HttpMethod.GET, uri, token, null);
    assertEquals(status, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("orders are found by status, SKU, customer, channel and store, page by page; a storefront sees only its"
      + " channel")
  void listAndFilter() throws Exception {
    for (int i = 0; i < 5; i++) {
      place(web, "list-web-" + i, order("L-web-" + i, line("MUG-1", 1)));
    }
    JsonObject appOrder = place(app, "list-app-1", order("L-app-1", line("TEE-1", 1)));

    JsonObject first = get(csr, "/api/v1/orders?channel=web&sku=MUG-1&limit=3", 200);
    assertEquals(3, first.getJsonArray("items").size());
    String cursor = first.getString("nextCursor");
    JsonObject second = get(csr, "/api/v1/orders?channel=web&sku=MUG-1&limit=3&cursor=" + cursor, 200);
    assertTrue(second.getJsonArray("items").size() >= 2);
    List<String> firstIds = first.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
    second.getJsonArray("items").forEach(o -> assertTrue(!firstIds.contains(((JsonObject) o).getString("id")),
        "pages do not overlap"));

    JsonObject byCustomer = get(csr, "/api/v1/orders?customer=C-L-app-1", 200);
    assertEquals(List.of(appOrder.getString("id")), byCustomer.getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("id")).toList());
    JsonObject webSees = get(web, "/api/v1/orders?customer=C-L-app-1", 200);
    assertEquals(0, webSees.getJsonArray("items").size(), "a storefront only sees its own channel");
    get(web, "/api/v1/orders/" + appOrder.getString("id"), 404);

    String store = appOrder.getJsonArray("lines").getJsonObject(0).getJsonArray("allocations").getJsonObject(0)
        .getString("locationId");
    JsonObject byStore = get(csr, "/api/v1/orders?location=" + store + "&status=allocated&limit=200", 200);
    assertTrue(byStore.getJsonArray("items").stream()
        .anyMatch(o -> ((JsonObject) o).getString("id").equals(appOrder.getString("id"))));
    HttpResponse<Buffer> bad = node.call(HttpMethod.GET, "/api/v1/orders?status=lost", csr, null);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsString().contains("status"));
  }

  @Test
  @DisplayName("the routing explanation says in words where each line goes and lists the candidates with numbers")
  void routingExplained() throws Exception {
    JsonObject o = place(web, "route-1", order("R-1", line("TEE-1", 2)));
    JsonObject routing = get(csr, "/api/v1/orders/" + o.getString("id") + "/routing", 200);
    JsonObject decision = routing.getJsonObject("current").getJsonObject("decision");
    String summary = decision.getString("summary");
    assertTrue(summary.contains("Aisle Downtown Crossing"), summary);
    JsonObject line = decision.getJsonArray("lines").getJsonObject(0);
    JsonArray candidates = line.getJsonArray("candidates");
    assertTrue(candidates.size() >= 2, line.encode());
    JsonObject winner = candidates.stream().map(c -> (JsonObject) c)
        .filter(c -> "B-DOWNTOWN".equals(c.getString("locationId"))).findFirst().orElseThrow();
    assertTrue(winner.getDouble("distanceKm") < 1, winner.encode());
    assertTrue(candidates.stream().map(c -> (JsonObject) c).anyMatch(c -> c.containsKey("failed")),
        "losers say which filter they failed: " + candidates.encode());
  }

  @Test
  @DisplayName("a new ship-to address re-sources the order, explains it, and frees the old store's stock")
  void changeShipTo() throws Exception {
    JsonObject o = place(web, "move-1", order("M-1", line("TEE-1", 1)));
    String id = o.getString("id");
    assertEquals("B-DOWNTOWN", o.getJsonArray("lines").getJsonObject(0).getJsonArray("allocations")
        .getJsonObject(0).getString("locationId"));
    JsonObject nyc = new JsonObject().put("name", "Ada Lovelace").put("line1", "350 5th Ave").put("city", "New York")
        .put("region", "NY").put("postalCode", "10118").put("lat", 40.7484).put("lon", -73.9857);
    HttpResponse<Buffer> storefrontTry = node.call(HttpMethod.PUT, "/api/v1/orders/" + id + "/ship-to", web, nyc);
    assertEquals(403, storefrontTry.statusCode(), "only csr and admin change addresses");
    HttpResponse<Buffer> r = node.call(HttpMethod.PUT, "/api/v1/orders/" + id + "/ship-to", csr, nyc);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject moved = r.bodyAsJsonObject();
    assertEquals("New York", moved.getJsonObject("shipTo").getString("city"));
    assertEquals(1, node.queryLong("SELECT count(*) FROM orders WHERE id = '" + id + "' AND ship_to->>'city' = 'New York'"),
        "stored as a JSON object, queryable");
    JsonArray allocs = moved.getJsonArray("lines").getJsonObject(0).getJsonArray("allocations");
    JsonObject open = allocs.stream().map(a -> (JsonObject) a).filter(a -> "open".equals(a.getString("status")))
        .findFirst().orElseThrow();
    assertEquals("NYC-1", open.getString("locationId"), allocs.encode());
    assertEquals(1, node.queryLong("SELECT count(*) FROM allocations WHERE order_id = '" + id
        + "' AND status = 'released' AND location_id = 'B-DOWNTOWN'"));
    assertEquals(1, node.queryLong("SELECT count(*) FROM tasks WHERE order_id = '" + id
        + "' AND location_id = 'B-DOWNTOWN' AND status = 'cancelled'"), "the old store's task is cancelled");
    assertEquals(1, node.queryLong("SELECT count(*) FROM tasks WHERE order_id = '" + id
        + "' AND location_id = 'NYC-1' AND type = 'ship-from-store' AND status = 'open'"), "the new store gets one");
    JsonObject routing = get(csr, "/api/v1/orders/" + id + "/routing", 200);
    assertEquals(2, routing.getJsonArray("history").size());
    assertEquals("ship-to changed", routing.getJsonObject("current").getString("reason"));
    assertTrue(get(csr, "/api/v1/orders/" + id, 200).getJsonArray("events").stream()
        .anyMatch(e -> "ship-to-changed".equals(((JsonObject) e).getString("type"))));
  }

  @Test
  @DisplayName("cancelling one line releases its stock and leaves the rest; cancelling the last line cancels the order")
  void cancelLines() throws Exception {
    JsonObject o = place(web, "lines-1", order("CL-1", line("TEE-1", 1), line("MUG-1", 1)));
    String id = o.getString("id");
    HttpResponse<Buffer> first = node.call(HttpMethod.POST, "/api/v1/orders/" + id + "/lines/2/cancel", csr,
        new JsonObject().put("reason", "out of colour"));
    assertEquals(200, first.statusCode(), first.bodyAsString());
    JsonObject after = first.bodyAsJsonObject();
    assertEquals("allocated", after.getString("status"));
    assertEquals("cancelled", after.getJsonArray("lines").getJsonObject(1).getString("status"));
    assertEquals(0, node.queryLong("SELECT count(*) FROM allocations WHERE order_id = '" + id
        + "' AND line_no = 2 AND status = 'open'"));
    assertEquals(0, node.queryLong("SELECT count(*) FROM task_lines l JOIN tasks t ON t.id = l.task_id"
        + " WHERE t.order_id = '" + id + "' AND l.line_no = 2"), "the line is off the store's task");
    assertEquals(409, node.call(HttpMethod.POST, "/api/v1/orders/" + id + "/lines/2/cancel", csr, null).statusCode());
    assertEquals(404, node.call(HttpMethod.POST, "/api/v1/orders/" + id + "/lines/9/cancel", csr, null).statusCode());
    HttpResponse<Buffer> last = node.call(HttpMethod.POST, "/api/v1/orders/" + id + "/lines/1/cancel", csr, null);
    assertEquals("cancelled", last.bodyAsJsonObject().getString("status"), last.bodyAsString());
    assertEquals(0, node.queryLong("SELECT count(*) FROM tasks WHERE order_id = '" + id + "' AND status <> 'cancelled'"),
        "no task left to do");
  }

  @Test
  @DisplayName("roles: a store associate cannot read or place orders, a CSR cannot change the rules, nobody anonymous")
  void roles() throws Exception {
    assertEquals(403, node.call(HttpMethod.GET, "/api/v1/orders", associate, null).statusCode());
    assertEquals(401, node.call(HttpMethod.GET, "/api/v1/orders", null, null).statusCode());
    assertEquals(403, node.call(HttpMethod.GET, "/api/v1/sourcing/rules", csr, null).statusCode());
    assertEquals(403, node.call(HttpMethod.PUT, "/api/v1/sourcing/rules", csr, new JsonObject()).statusCode());
    assertEquals(403, node.call(HttpMethod.POST, "/api/v1/sourcing/simulate", web, new JsonObject()).statusCode());
    assertTrue(get(admin, "/api/v1/sourcing/rules", 200).getInteger("version") >= 1, "an admin reads the rules");
  }

  @Test
  @DisplayName("rule sets are validated before activation, versioned, and an older version can be activated again")
  void rulesVersions() throws Exception {
    JsonObject current = get(admin, "/api/v1/sourcing/rules", 200);
    HttpResponse<Buffer> bad = node.call(HttpMethod.PUT, "/api/v1/sourcing/rules", admin,
        current.getJsonObject("document").copy().put("maxSplits", -1)
            .put("filters", new JsonArray().add(new JsonObject().put("type", "teleport"))));
    assertEquals(422, bad.statusCode(), bad.bodyAsString());
    List<String> fields = bad.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
    assertTrue(fields.contains("maxSplits") && fields.contains("filters[0].type"), fields.toString());
    assertEquals(current.getInteger("version"), get(admin, "/api/v1/sourcing/rules", 200).getInteger("version"),
        "an invalid rule set is never activated");

    JsonObject next = current.getJsonObject("document").copy().put("name", "backorders").put("shortage", "backorder");
    HttpResponse<Buffer> put = node.call(HttpMethod.PUT, "/api/v1/sourcing/rules", admin, next);
    assertEquals(200, put.statusCode(), put.bodyAsString());
    int v2 = put.bodyAsJsonObject().getInteger("version");
    HttpResponse<Buffer> versions = node.call(HttpMethod.GET, "/api/v1/sourcing/rules/versions", admin, null);
    assertTrue(versions.bodyAsJsonArray().size() >= 2);
    HttpResponse<Buffer> back = node.call(HttpMethod.POST, "/api/v1/sourcing/rules/versions/"
        + current.getInteger("version") + "/activate", admin, null);
    assertEquals(200, back.statusCode(), back.bodyAsString());
    JsonObject active = get(admin, "/api/v1/sourcing/rules", 200);
    assertEquals(current.getInteger("version"), active.getInteger("version"));
    assertTrue(v2 > current.getInteger("version"));
    assertEquals(404, node.call(HttpMethod.POST, "/api/v1/sourcing/rules/versions/999/activate", admin, null)
        .statusCode());
  }
}
