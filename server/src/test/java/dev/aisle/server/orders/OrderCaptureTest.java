package dev.aisle.server.orders;

import dev.aisle.server.testing.TestNode;
import io.vertx.core.Future;
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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.aisle.server.orders.Orders.line;
import static dev.aisle.server.orders.Orders.order;
import static dev.aisle.server.orders.Orders.pickup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OrderCaptureTest {

  static TestNode node;
  static String admin;
  static String storefront;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("order_capture");
    admin = node.adminToken();
    storefront = node.apiKey(admin, "web-shop", "storefront");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Future<HttpResponse<Buffer>> post(String key, JsonObject body) {
    return node.client().post("/api/v1/orders").putHeader("X-Api-Key", storefront).putHeader("Idempotency-Key", key)
        .sendJsonObject(body);
  }

  static HttpResponse<Buffer> place(String key, JsonObject body) throws Exception {
    return post(key, body).await(60, TimeUnit.SECONDS);
  }

  JsonObject position(String location, String sku) throws Exception {
    HttpResponse<Buffer> r = node.call(HttpMethod.GET, "/api/v1/inventory/" + location + "/" + sku, admin, null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("an order is answered 201 with where each line goes, and is in PostgreSQL with its stock reserved")
  void capturesAnOrder() throws Exception {
    long cambridgeMugs = position("B-CAMBRIDGE", "MUG-1").getLong("availableToSell");
    HttpResponse<Buffer> r = place("k-capture-1", order("W-1", line("TEE-1", 2), pickup("MUG-1", 1, "B-CAMBRIDGE")));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonObject o = r.bodyAsJsonObject();
    assertEquals("allocated", o.getString("status"));
    assertEquals("web", o.getString("channel"));
    JsonArray lines = o.getJsonArray("lines");
    JsonObject tee = lines.getJsonObject(0).getJsonArray("allocations").getJsonObject(0);
    assertEquals("B-DOWNTOWN", tee.getString("locationId"), "the nearest store with stock ships it: " + o.encode());
    assertEquals(2, tee.getLong("quantity"));
    JsonObject mug = lines.getJsonObject(1).getJsonArray("allocations").getJsonObject(0);
    assertEquals("B-CAMBRIDGE", mug.getString("locationId"));
    assertEquals("pickup", mug.getString("kind"));

    String id = o.getString("id");
    assertEquals(1, node.queryLong("SELECT count(*) FROM orders WHERE id = '" + id + "'"));
    assertEquals(2, node.queryLong("SELECT count(*) FROM order_lines WHERE order_id = '" + id + "'"));
    assertEquals(3, node.queryLong("SELECT sum(quantity) FROM allocations WHERE status = 'open' AND order_id = '"
        + id + "'"));
    assertEquals(cambridgeMugs - 1, position("B-CAMBRIDGE", "MUG-1").getLong("availableToSell"));

    HttpResponse<Buffer> read = node.call(HttpMethod.GET, "/api/v1/orders/" + id, storefront, null);
    assertEquals(200, read.statusCode(), read.bodyAsString());
    assertEquals(List.of("created", "allocated"), read.bodyAsJsonObject().getJsonArray("events").stream()
        .map(e -> ((JsonObject) e).getString("type")).toList());
    HttpResponse<Buffer> routing = node.call(HttpMethod.GET, "/api/v1/orders/" + id + "/routing", admin, null);
    assertEquals(200, routing.statusCode(), routing.bodyAsString());
    assertNotNull(routing.bodyAsJsonObject().getJsonObject("current").getJsonObject("decision"), routing.bodyAsString());
  }

  @Test
  @DisplayName("bad orders get problems naming each field or line, and leave nothing behind")
  void badOrders() throws Exception {
    long before = node.queryLong("SELECT count(*) FROM orders");
    JsonObject bad = order("W-bad", line("TEE-1", 0)).put("customer", new JsonObject().put("id", "C1"));
    HttpResponse<Buffer> r = place("k-bad-1", bad);
    assertEquals(400, r.statusCode(), r.bodyAsString());
    assertEquals("application/problem+json", r.getHeader("content-type"));
    Set<String> fields = new HashSet<>();
    r.bodyAsJsonObject().getJsonArray("errors").forEach(e -> fields.add(((JsonObject) e).getString("field")));
    assertEquals(Set.of("customer.name", "lines[0].quantity"), fields, r.bodyAsString());

    HttpResponse<Buffer> unknown = place("k-bad-2", order("W-bad2", line("TEE-1", 1), line("NOPE-9", 1)));
    assertEquals(422, unknown.statusCode(), unknown.bodyAsString());
    assertEquals("lines[1].sku", unknown.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
        .getString("field"));

    HttpResponse<Buffer> noKey = node.call(HttpMethod.POST, "/api/v1/orders", storefront, order("W-bad3",
        line("TEE-1", 1)));
    assertEquals(400, noKey.statusCode(), noKey.bodyAsString());
    assertTrue(noKey.bodyAsString().contains("Idempotency-Key"), noKey.bodyAsString());

    HttpResponse<Buffer> notJson = node.client().post("/api/v1/orders").putHeader("X-Api-Key", storefront)
        .putHeader("Idempotency-Key", "k-bad-4").sendBuffer(Buffer.buffer("{nope")).await(30, TimeUnit.SECONDS);
    assertEquals(400, notJson.statusCode(), notJson.bodyAsString());
    assertEquals(before, node.queryLong("SELECT count(*) FROM orders"));
  }

  @Test
  @DisplayName("50 concurrent retries of one idempotency key make one order; the same key with another body is 422")
  void idempotentRetries() throws Exception {
    JsonObject body = order("W-idem", line("TEE-1", 1));
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      all.add(post("k-idem", body));
    }
    Future.join(all).await(60, TimeUnit.SECONDS);
    Set<String> ids = new HashSet<>();
    int created = 0;
    for (Future<HttpResponse<Buffer>> f : all) {
      HttpResponse<Buffer> r = f.result();
      assertTrue(r.statusCode() == 201 || r.statusCode() == 409, r.statusCode() + " " + r.bodyAsString());
      if (r.statusCode() == 201) {
        created++;
        ids.add(r.bodyAsJsonObject().getString("id"));
      }
    }
    assertTrue(created >= 1);
    assertEquals(1, ids.size(), "every 201 names the same order");
    assertEquals(1, node.queryLong("SELECT count(*) FROM orders WHERE external_id = 'W-idem'"));
    HttpResponse<Buffer> again = place("k-idem", body);
    assertEquals(201, again.statusCode());
    assertEquals(ids.iterator().next(), again.bodyAsJsonObject().getString("id"));
    assertEquals("true", again.getHeader("idempotent-replayed"));

    HttpResponse<Buffer> other = place("k-idem", order("W-idem", line("TEE-1", 2)));
    assertEquals(422, other.statusCode(), other.bodyAsString());
    assertTrue(other.bodyAsString().contains("Idempotency-Key"));
  }

  @Test
  @DisplayName("a retry whose key the cluster no longer holds (evicted, restarted) still finds its order in PostgreSQL")
  void forgottenKeyStillFindsTheOrder() throws Exception {
    JsonObject body = order("W-forgotten", line("MUG-1", 1));
    HttpResponse<Buffer> first = place("k-forgotten", body);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    node.node().hazelcast().getMap(IdempotencyKeys.MAP).remove(IdempotencyKeys.key("web", "k-forgotten"));
    HttpResponse<Buffer> retry = place("k-forgotten", body);
    assertEquals(201, retry.statusCode(), retry.bodyAsString());
    assertEquals(first.bodyAsJsonObject().getString("id"), retry.bodyAsJsonObject().getString("id"));
    assertEquals("true", retry.getHeader("idempotent-replayed"));
    assertEquals(1, node.queryLong("SELECT count(*) FROM orders WHERE external_id = 'W-forgotten'"));
    HttpResponse<Buffer> again = place("k-forgotten", body);
    assertEquals(first.bodyAsJsonObject().getString("id"), again.bodyAsJsonObject().getString("id"));
  }

  @Test
  @DisplayName("a retry of a placed order gets that order, also once its SKU has sold out; another buyer is refused")
  void retryAfterSellOut() throws Exception {
    assertEquals(200, node.call(HttpMethod.PUT, "/api/v1/inventory/B-DOWNTOWN/LAMP-1", admin,
        new JsonObject().put("onHand", 1)).statusCode());
    JsonObject body = order("W-last-lamp", line("LAMP-1", 1));
    HttpResponse<Buffer> first = place("k-last-lamp", body);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    HttpResponse<Buffer> retry = place("k-last-lamp", body);
    assertEquals(201, retry.statusCode(), "the order exists, the stock is gone: " + retry.bodyAsString());
    assertEquals(first.bodyAsJsonObject().getString("id"), retry.bodyAsJsonObject().getString("id"));
    assertEquals("true", retry.getHeader("idempotent-replayed"));
    HttpResponse<Buffer> other = place("k-late-lamp", order("W-late-lamp", line("LAMP-1", 1)));
    assertEquals(409, other.statusCode(), other.bodyAsString());
    assertTrue(other.bodyAsString().contains("Out of stock"), other.bodyAsString());
  }

  @Test
  @DisplayName("300 concurrent buyers of 100 units: exactly 100 orders, available-to-sell 0, 100 allocations")
  void noOversell() throws Exception {
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      all.add(post("k-hot-" + i, order("W-hot-" + i, line("HOT-1", 1))));
    }
    Future.join(all).await(120, TimeUnit.SECONDS);
    int created = 0;
    int refused = 0;
    for (Future<HttpResponse<Buffer>> f : all) {
      int status = f.result().statusCode();
      if (status == 201) {
        created++;
      } else {
        assertEquals(409, status, f.result().bodyAsString());
        assertTrue(f.result().bodyAsString().contains("Out of stock"), f.result().bodyAsString());
        refused++;
      }
    }
    assertEquals(100, created);
    assertEquals(200, refused);
    assertEquals(0, position("B-DOWNTOWN", "HOT-1").getLong("availableToSell"));
    assertEquals(100, node.queryLong("SELECT count(*) FROM allocations WHERE sku = 'HOT-1' AND status = 'open'"));
  }

  @Test
  @DisplayName("cancelling an order gives its stock back; a second cancel is 409")
  void cancel() throws Exception {
    long before = position("B-DOWNTOWN", "TEE-1").getLong("availableToSell");
    HttpResponse<Buffer> r = place("k-cancel", order("W-cancel", line("TEE-1", 1)));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String id = r.bodyAsJsonObject().getString("id");
    assertEquals(before - 1, position("B-DOWNTOWN", "TEE-1").getLong("availableToSell"));
    HttpResponse<Buffer> c = node.call(HttpMethod.POST, "/api/v1/orders/" + id + "/cancel", admin,
        new JsonObject().put("reason", "customer changed their mind"));
    assertEquals(200, c.statusCode(), c.bodyAsString());
    assertEquals("cancelled", c.bodyAsJsonObject().getString("status"));
    assertEquals(before, position("B-DOWNTOWN", "TEE-1").getLong("availableToSell"));
    assertEquals(0, node.queryLong("SELECT count(*) FROM allocations WHERE status = 'open' AND order_id = '" + id
        + "'"));
    HttpResponse<Buffer> again = node.call(HttpMethod.POST, "/api/v1/orders/" + id + "/cancel", admin, null);
    assertEquals(409, again.statusCode(), again.bodyAsString());
  }
}
