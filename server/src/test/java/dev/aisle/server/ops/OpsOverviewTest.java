package dev.aisle.server.ops;

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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ops console's live overview counts what really happened in the network (in this order: counts are exact). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsOverviewTest {

  static TestNode node;
  static String admin;
  static String csr;
  static String web;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("ops_overview");
    admin = node.adminToken();
    csr = node.userToken(admin, "olga", "csr", null);
    web = node.apiKey(admin, "web-shop", "storefront");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject place(String externalId, JsonObject... lines) throws Exception {
    JsonObject body = new JsonObject().put("externalId", externalId)
        .put("customer", new JsonObject().put("id", "C-" + externalId).put("name", "Ada Lovelace"))
        .put("shipTo", new JsonObject().put("name", "Ada Lovelace").put("line1", "1 Tremont St").put("city", "Boston")
            .put("region", "MA").put("postalCode", "02108").put("country", "US")
            .put("lat", TestNetwork.BOSTON_LAT).put("lon", TestNetwork.BOSTON_LON))
        .put("lines", new JsonArray(List.of((Object[]) lines)));
    HttpResponse<Buffer> r = node.client().post("/api/v1/orders").putHeader("X-Api-Key", web)
        .putHeader("Idempotency-Key", externalId).sendJsonObject(body).await(30, TimeUnit.SECONDS);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static JsonObject line(String sku, long quantity, String method, String pickupAt) {
    JsonObject line = new JsonObject().put("sku", sku).put("quantity", quantity).put("method", method);
    return pickupAt == null ? line : line.put("pickupLocationId", pickupAt);
  }

  @Test
  @Order(1)
  @DisplayName("the overview counts the orders placed per minute, their lines by method and allocations by location"
      + " type, the late tasks by store and the positions sold out")
  void countsWhatHappened() throws Exception {
    JsonObject tees = place("OV-1", line("TEE-1", 2, "ship", null), line("TEE-1", 1, "pickup", "B-DOWNTOWN"));
    JsonObject mugsNear = place("OV-2", line("MUG-1", 4, "ship", null));
    place("OV-3", line("MUG-1", 50, "ship", null));
    assertEquals(List.of("B-CAMBRIDGE"), locations(mugsNear), "the 4 mugs leave from Cambridge, its last ones");
    TestNode.sql(node.db(), "UPDATE tasks SET due_at = now() - interval '10 minutes' WHERE order_id = '"
        + tees.getString("id") + "'");

    JsonObject o = get(csr, "/api/v1/ops/overview?minutes=30", 200);

    assertEquals(30, o.getInteger("minutes"));
    assertEquals(3, o.getLong("orders"));
    JsonArray perMinute = o.getJsonArray("ordersPerMinute");
    assertEquals(30, perMinute.size(), "one entry per minute of the window");
    assertEquals(3, perMinute.stream().mapToLong(m -> ((JsonObject) m).getLong("orders")).sum());
    assertEquals(Map.of("pickup", List.of(1L, 1L), "ship", List.of(3L, 56L)), shares(o.getJsonArray("byMethod")),
        "lines and units by method");
    assertEquals(Map.of("dc", List.of(1L, 50L), "store", List.of(3L, 7L)), shares(o.getJsonArray("byLocationType")),
        "allocations and units by location type");

    JsonObject late = o.getJsonObject("lateTasks");
    assertEquals(1, late.getLong("stores"), late.encode());
    JsonObject downtown = late.getJsonArray("top").getJsonObject(0);
    assertEquals("B-DOWNTOWN", downtown.getString("locationId"));
    assertEquals("Aisle Downtown Crossing", downtown.getString("name"));
    long tasks = node.queryLong("SELECT count(*) FROM tasks WHERE order_id = '" + tees.getString("id") + "'");
    assertEquals(2, tasks, "a ship-from-store and a pickup task");
    assertEquals(tasks, downtown.getLong("late"));
    assertEquals(tasks, late.getLong("total"));

    JsonObject stockOuts = o.getJsonObject("stockOuts");
    assertEquals(2, stockOuts.getInteger("skusChecked"), stockOuts.encode());
    assertEquals(0, stockOuts.getInteger("soldOut"), stockOuts.encode());
    Map<String, JsonObject> bySku = stockOuts.getJsonArray("top").stream().map(s -> (JsonObject) s)
        .collect(Collectors.toMap(s -> s.getString("sku"), s -> s));
    assertEquals(1, bySku.get("MUG-1").getInteger("positionsOut"), "Cambridge has no mug left");
    assertEquals(50, bySku.get("MUG-1").getLong("availableToSell"), "DC-1 has 50 left");
    assertEquals(1, bySku.get("TEE-1").getInteger("positionsOut"), "Quincy never had a tee");
    assertEquals(2, stockOuts.getInteger("positionsOut"));
  }

  @Test
  @Order(2)
  @DisplayName("an order of an earlier minute is charted in its minute, request after request, and a new order shows on"
      + " the next request")
  void keepsCountingAcrossRequests() throws Exception {
    JsonObject early = place("OV-EARLY", line("TEE-1", 1, "ship", null));
    String id = early.getString("id");
    TestNode.sql(node.db(), "UPDATE orders SET created_at = created_at - interval '100 minutes' WHERE id = '" + id
        + "'; UPDATE allocations SET created_at = created_at - interval '100 minutes' WHERE order_id = '" + id + "'");
    String minute = node.queryString("SELECT to_char(date_trunc('minute', created_at) AT TIME ZONE 'UTC',"
        + " 'YYYY-MM-DD\"T\"HH24:MI') FROM orders WHERE id = '" + id + "'");

    JsonObject first = get(csr, "/api/v1/ops/overview?minutes=120", 200);
    assertEquals(1, ordersAt(first, minute), first.getJsonArray("ordersPerMinute").encode());
    JsonObject again = get(csr, "/api/v1/ops/overview?minutes=120", 200);
    assertEquals(1, ordersAt(again, minute), "still there when the minute is not read again");
    assertEquals(first.getLong("orders"), again.getLong("orders"));
    assertEquals(shares(first.getJsonArray("byLocationType")), shares(again.getJsonArray("byLocationType")));

    place("OV-LATER", line("MUG-1", 1, "ship", null));
    JsonObject later = get(csr, "/api/v1/ops/overview?minutes=120", 200);
    assertEquals(first.getLong("orders") + 1, later.getLong("orders"));
    assertEquals(shares(first.getJsonArray("byMethod")).get("ship").get(0) + 1,
        shares(later.getJsonArray("byMethod")).get("ship").get(0));
  }

  private static long ordersAt(JsonObject overview, String minute) {
    return overview.getJsonArray("ordersPerMinute").stream().map(m -> (JsonObject) m)
        .filter(m -> m.getString("minute").startsWith(minute)).mapToLong(m -> m.getLong("orders")).sum();
  }

  @Test
  @Order(3)
  @DisplayName("the overview is for customer service and admins only, and a bad window is a 400 naming minutes")
  void accessAndValidation() throws Exception {
    get(admin, "/api/v1/ops/overview", 200);
    String associate = node.userToken(admin, "ollie", "associate", "B-DOWNTOWN");
    assertEquals(403, node.call(HttpMethod.GET, "/api/v1/ops/overview", associate, null).statusCode());
    assertEquals(403, node.call(HttpMethod.GET, "/api/v1/ops/overview", web, null).statusCode());
    assertEquals(401, node.call(HttpMethod.GET, "/api/v1/ops/overview", null, null).statusCode());
    JsonObject bad = get(csr, "/api/v1/ops/overview?minutes=0", 400);
    assertEquals("minutes", bad.getJsonArray("errors").getJsonObject(0).getString("field"), bad.encode());
  }

  private static List<String> locations(JsonObject order) {
    return order.getJsonArray("lines").stream().flatMap(l -> ((JsonObject) l).getJsonArray("allocations").stream())
        .map(a -> ((JsonObject) a).getString("locationId")).distinct().toList();
  }

  private static Map<String, List<Long>> shares(JsonArray shares) {
    return shares.stream().map(s -> (JsonObject) s)
        .collect(Collectors.toMap(s -> s.getString("key"), s -> List.of(s.getLong("count"), s.getLong("units"))));
  }

  private static JsonObject get(String token, String uri, int status) throws Exception {
    HttpResponse<Buffer> r = node.call(HttpMethod.GET, uri, token, null);
    assertEquals(status, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }
}
