package dev.aisle.server.inventory;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class InventoryFeedsTest {

  static TestNode node;
  static String admin;
  static String integration;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("inventory_feeds");
    admin = node.adminToken();
    integration = node.apiKey(admin, "erp", "integration");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JsonObject adjustment(String sku, String location, long delta, String reason) {
    return new JsonObject().put("sku", sku).put("locationId", location).put("delta", delta).put("reason", reason);
  }

  private static Future<HttpResponse<Buffer>> adjustAsync(JsonObject... lines) {
    return node.client().post("/api/v1/inventory/adjustments").putHeader("X-Api-Key", integration)
        .sendJsonObject(new JsonObject().put("adjustments", new JsonArray(List.of((Object[]) lines))));
  }

  private JsonObject position(String location, String sku) throws Exception {
    HttpResponse<Buffer> r = node.call(HttpMethod.GET, "/api/v1/inventory/" + location + "/" + sku, admin, null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("1,000 concurrent receipts on one position end at the exact on-hand, in PostgreSQL and in the pool")
  void concurrentReceiptsAreExact() throws Exception {
    long before = position("B-WORCESTER", "TEE-1").getLong("onHand");
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < 1000; i++) {
      long delta = 1 + i % 3;
      sum += delta;
      calls.add(adjustAsync(adjustment("TEE-1", "B-WORCESTER", delta, "receipt")));
    }
    Future.all(calls).await(2, TimeUnit.MINUTES);
    for (Future<HttpResponse<Buffer>> c : calls) {
      assertEquals(200, c.result().statusCode(), c.result().bodyAsString());
      assertEquals(1, c.result().bodyAsJsonObject().getInteger("applied"));
    }
    assertEquals(before + sum, position("B-WORCESTER", "TEE-1").getLong("onHand"));
    assertEquals(before + sum,
        node.queryLong("SELECT on_hand FROM stock WHERE sku='TEE-1' AND location_id='B-WORCESTER'"));
    assertEquals(1000, node.queryLong(
        "SELECT count(*) FROM stock_movements WHERE sku='TEE-1' AND location_id='B-WORCESTER' AND reason='receipt'"));
  }

  @Test
  @DisplayName("1,000 concurrent sales against 100 units apply exactly 100 and on-hand never goes below zero")
  void concurrentSalesNeverGoBelowZero() throws Exception {
    assertEquals(100, position("B-DOWNTOWN", "HOT-1").getLong("onHand"));
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      calls.add(adjustAsync(adjustment("HOT-1", "B-DOWNTOWN", -1, "sale")));
    }
    Future.all(calls).await(2, TimeUnit.MINUTES);
    int applied = 0;
    int rejected = 0;
    for (Future<HttpResponse<Buffer>> c : calls) {
      JsonObject r = c.result().bodyAsJsonObject();
      applied += r.getInteger("applied");
      rejected += r.getInteger("rejected");
    }
    assertEquals(100, applied);
    assertEquals(900, rejected);
    JsonObject p = position("B-DOWNTOWN", "HOT-1");
    assertEquals(0, p.getLong("onHand"));
    assertEquals(0, p.getLong("availableToSell"));
    assertEquals(0, node.queryLong("SELECT on_hand FROM stock WHERE sku='HOT-1' AND location_id='B-DOWNTOWN'"));
    assertEquals(100, node.queryLong("SELECT count(*) FROM stock_movements WHERE sku='HOT-1' AND reason='sale'"));
  }

  @Test
  @DisplayName("an adjustments feed applies the good lines and names each bad line with its reason")
  void adjustmentsReportBadLines() throws Exception {
    HttpResponse<Buffer> r = node.call(HttpMethod.POST, "/api/v1/inventory/adjustments", integration,
        new JsonObject().put("adjustments", new JsonArray()
            .add(adjustment("MUG-1", "B-CAMBRIDGE", 6, "receipt"))
            .add(adjustment("MUG-1", "B-CAMBRIDGE", 5, "sale"))
            .add(adjustment("NOPE", "B-CAMBRIDGE", 1, "receipt"))
            .add("not an object")
            .add(adjustment("MUG-1", "B-CAMBRIDGE", -2, "damage"))
            .add(adjustment("MUG-1", "B-CAMBRIDGE", -100, "count"))
            .add(new JsonObject().put("sku", "MUG-1"))));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(7, body.getInteger("lines"));
    assertEquals(2, body.getInteger("applied"));
    assertEquals(5, body.getInteger("rejected"));
    JsonArray rejects = body.getJsonArray("rejects");
    assertEquals(List.of(2, 3, 4, 6, 7), rejects.stream().map(o -> ((JsonObject) o).getInteger("line")).toList());
    assertTrue(rejects.getJsonObject(0).getString("reason").contains("delta"), rejects.encode());
    assertTrue(rejects.getJsonObject(1).getString("reason").contains("unknown sku"), rejects.encode());
    assertTrue(rejects.getJsonObject(3).getString("reason").contains("below zero"), rejects.encode());
    assertTrue(rejects.getJsonObject(4).getString("reason").contains("locationId"), rejects.encode());
    assertEquals(4 + 6 - 2, position("B-CAMBRIDGE", "MUG-1").getLong("onHand"));
  }

  @Test
  @DisplayName("a snapshot applies new lines (with their bins), ignores and counts a stale one, and names malformed"
      + " lines")
  void snapshotCountsStaleAndRejects() throws Exception {
    String first = """
        {"sku":"LAMP-1","locationId":"B-QUINCY","onHand":12,"feedSeq":100,"bin":"C03-01"}
        {"sku":"LAMP-1","locationId":"B-CAMBRIDGE","onHand":5,"safetyStock":1,"feedSeq":100,"bin":"C04-02"}
        """;
    HttpResponse<Buffer> r1 = node.call(HttpMethod.POST, "/api/v1/inventory/snapshot", integration, first);
    assertEquals(200, r1.statusCode(), r1.bodyAsString());
    assertEquals(2, r1.bodyAsJsonObject().getInteger("applied"));

    String second = """
        {"sku":"LAMP-1","locationId":"B-QUINCY","onHand":3,"feedSeq":99,"bin":"Z99-99"}
        {"sku":"LAMP-1","locationId":"B-CAMBRIDGE","onHand":8,"feedSeq":101}
        {this is not json
        {"sku":"LAMP-1","locationId":"B-QUINCY","onHand":-4,"feedSeq":102}

        {"sku":"LAMP-1","locationId":"NOWHERE","onHand":1,"feedSeq":1}
        {"sku":"LAMP-1","locationId":"B-WORCESTER","onHand":9,"asOf":"2026-11-27T06:00:00Z"}""";
    HttpResponse<Buffer> r2 = node.call(HttpMethod.POST, "/api/v1/inventory/snapshot", integration, second);
    assertEquals(200, r2.statusCode(), r2.bodyAsString());
    JsonObject body = r2.bodyAsJsonObject();
    assertEquals(6, body.getInteger("lines"));
    assertEquals(2, body.getInteger("applied"));
    assertEquals(1, body.getInteger("stale"));
    assertEquals(3, body.getInteger("rejected"));
    JsonArray rejects = body.getJsonArray("rejects");
    assertEquals(List.of(3, 4, 6), rejects.stream().map(o -> ((JsonObject) o).getInteger("line")).toList());
    assertTrue(rejects.getJsonObject(1).getString("reason").contains("onHand"), rejects.encode());
    assertTrue(rejects.getJsonObject(2).getString("reason").contains("unknown location"), rejects.encode());

    assertEquals(12, position("B-QUINCY", "LAMP-1").getLong("onHand"), "the stale line must not overwrite");
    JsonObject cambridge = position("B-CAMBRIDGE", "LAMP-1");
    assertEquals(8, cambridge.getLong("onHand"));
    assertEquals(1, cambridge.getLong("safetyStock"), "a line without safetyStock keeps the stored one");
    assertEquals(7, cambridge.getLong("availableToSell"));
    assertEquals(12, node.queryLong("SELECT on_hand FROM stock WHERE sku='LAMP-1' AND location_id='B-QUINCY'"));
    assertEquals(101, node.queryLong("SELECT feed_seq FROM stock WHERE sku='LAMP-1' AND location_id='B-CAMBRIDGE'"));
    assertEquals(9, position("B-WORCESTER", "LAMP-1").getLong("onHand"));
    assertEquals("C03-01", node.queryString("SELECT bin FROM stock WHERE sku='LAMP-1' AND location_id='B-QUINCY'"),
        "a stale line's bin is not applied");
    assertEquals("C04-02", node.queryString("SELECT bin FROM stock WHERE sku='LAMP-1' AND location_id='B-CAMBRIDGE'"),
        "a line without a bin keeps the stored one");
    SkuStock pooled = node.node().hazelcast().<String, SkuStock>getMap(HazelcastInventoryPool.MAP).get("LAMP-1");
    assertEquals("C03-01", pooled.binAt("B-QUINCY"), "the pool has the same bins (new tasks' lines take them there)");
    assertEquals("C04-02", pooled.binAt("B-CAMBRIDGE"));
  }

  @Test
  @DisplayName("setting one position answers the new position; an older feed sequence is a 409")
  void setPosition() throws Exception {
    HttpResponse<Buffer> ok = node.call(HttpMethod.PUT, "/api/v1/inventory/NYC-1/MUG-1", integration,
        new JsonObject().put("onHand", 25).put("safetyStock", 2).put("feedSeq", 10));
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    assertEquals(23, ok.bodyAsJsonObject().getLong("availableToSell"));
    HttpResponse<Buffer> stale = node.call(HttpMethod.PUT, "/api/v1/inventory/NYC-1/MUG-1", integration,
        new JsonObject().put("onHand", 1).put("feedSeq", 9));
    assertEquals(409, stale.statusCode());
    assertEquals("application/problem+json", stale.getHeader("content-type"));
    assertEquals(25, node.queryLong("SELECT on_hand FROM stock WHERE sku='MUG-1' AND location_id='NYC-1'"));
  }

  @Test
  @DisplayName("GET /inventory/{sku} lists every position with network totals")
  void inventoryView() throws Exception {
    HttpResponse<Buffer> r = node.call(HttpMethod.GET, "/api/v1/inventory/TEE-1", admin, null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(7, body.getJsonArray("positions").size());
    JsonObject totals = body.getJsonObject("totals");
    long onHand = body.getJsonArray("positions").stream().mapToLong(p -> ((JsonObject) p).getLong("onHand")).sum();
    assertEquals(onHand, totals.getLong("onHand"));
    assertEquals(7, totals.getInteger("locations"));
  }

  @Test
  @DisplayName("malformed bodies get problem details naming the field, never a 500")
  void malformedBodies() throws Exception {
    record Case(HttpMethod method, String uri, Object body, int status, String field) {}
    List<Case> cases = List.of(
        new Case(HttpMethod.POST, "/api/v1/inventory/adjustments", "{not json", 400, "body"),
        new Case(HttpMethod.POST, "/api/v1/inventory/adjustments", "[1,2]", 400, "body"),
        new Case(HttpMethod.POST, "/api/v1/inventory/adjustments", new JsonObject().put("adjustments", 5), 400,
            "adjustments"),
        new Case(HttpMethod.PUT, "/api/v1/inventory/NYC-1/MUG-1", new JsonObject().put("onHand", "many"), 400,
            "onHand"),
        new Case(HttpMethod.PUT, "/api/v1/inventory/NYC-1/MUG-1", new JsonObject().put("onHand", -1), 400, "onHand"),
        new Case(HttpMethod.PUT, "/api/v1/inventory/NYC-1/MUG-1", "", 400, "body"),
        new Case(HttpMethod.PUT, "/api/v1/products/NEW-1", new JsonObject().put("name", "x").put("upc", "123"), 400,
            "upc"),
        new Case(HttpMethod.PUT, "/api/v1/locations/S-NEW", new JsonObject().put("type", "shop"), 400, "type"),
        new Case(HttpMethod.PUT, "/api/v1/locations/S-NEW", "\u0000\u0001", 400, "body"));
    for (Case c : cases) {
      HttpResponse<Buffer> r = node.call(c.method(), c.uri(), admin, c.body());
      assertEquals(c.status(), r.statusCode(), c + " -> " + r.bodyAsString());
      assertEquals("application/problem+json", r.getHeader("content-type"), c.toString());
      JsonObject problem = r.bodyAsJsonObject();
      assertEquals(c.status(), problem.getInteger("status"));
      assertTrue(problem.getJsonArray("errors").stream().anyMatch(e -> ((JsonObject) e).getString("field")
          .equals(c.field())), c + " -> " + problem.encode());
    }
    assertEquals(0, node.queryLong("SELECT count(*) FROM products WHERE sku='NEW-1'"));
  }
}
