package dev.aisle.server.availability;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.aisle.server.testing.TestNetwork.BOSTON_LAT;
import static dev.aisle.server.testing.TestNetwork.BOSTON_LON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AvailabilityTest {

  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("availability");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static HttpResponse<Buffer> get(TestNode on, String query) throws Exception {
    return on.call(HttpMethod.GET, "/api/v1/availability?" + query, null, null);
  }

  private static List<String> storeIds(JsonObject body) {
    return body.getJsonArray("stores").stream().map(s -> ((JsonObject) s).getString("locationId")).toList();
  }

  @Test
  @DisplayName("pickup stores within the radius come nearest first, with distance, quantity and opening hours")
  void nearestFirstWithinRadius() throws Exception {
    HttpResponse<Buffer> r = get(node, "sku=TEE-1&lat=" + BOSTON_LAT + "&lon=" + BOSTON_LON + "&radiusKm=50");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(List.of("B-DOWNTOWN", "B-CAMBRIDGE", "B-QUINCY"), storeIds(body),
        "inactive stores, DCs and stores beyond 50 km are left out");
    JsonArray stores = body.getJsonArray("stores");
    double last = -1;
    for (int i = 0; i < stores.size(); i++) {
      double d = stores.getJsonObject(i).getDouble("distanceKm");
      assertTrue(d >= last && d <= 50, "distances ascend within the radius: " + stores.encode());
      last = d;
    }
    JsonObject downtown = stores.getJsonObject(0);
    assertEquals(9, downtown.getJsonArray("items").getJsonObject(0).getLong("available"), "10 on hand - 1 safety");
    assertEquals("in-stock", downtown.getJsonArray("items").getJsonObject(0).getString("band"));
    assertEquals("09:00-21:00", downtown.getJsonObject("openingHours").getString("mon"));
    assertEquals("out-of-stock", stores.getJsonObject(2).getJsonArray("items").getJsonObject(0).getString("band"));
    // ship to home: every active ship-capable location (DOWNTOWN 9, CAMBRIDGE 3, WORCESTER 48, NYC 7, DC 500)
    assertEquals(567, body.getJsonArray("shipToHome").getJsonObject(0).getLong("available"));

    HttpResponse<Buffer> wide = get(node, "sku=TEE-1,MUG-1&lat=" + BOSTON_LAT + "&lon=" + BOSTON_LON
        + "&radiusKm=100&limit=10");
    assertEquals(List.of("B-DOWNTOWN", "B-CAMBRIDGE", "B-QUINCY", "B-WORCESTER"), storeIds(wide.bodyAsJsonObject()));
    assertEquals(2, wide.bodyAsJsonObject().getJsonArray("stores").getJsonObject(0).getJsonArray("items").size());
  }

  @Test
  @DisplayName("a US postal code is geocoded from the shipped Census data")
  void postalCode() throws Exception {
    HttpResponse<Buffer> r = get(node, "sku=MUG-1&postalCode=02139&radiusKm=5");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals("B-CAMBRIDGE", storeIds(body).get(0));
    assertEquals("02139", body.getJsonObject("origin").getString("postalCode"));
    assertEquals(4, body.getJsonArray("stores").getJsonObject(0).getJsonArray("items").getJsonObject(0)
        .getLong("available"));
  }

  @Test
  @DisplayName("unknown SKUs, bad coordinates and unknown postal codes are clear 4xx problems")
  void badInput() throws Exception {
    record Case(String query, int status, String field) {}
    for (Case c : List.of(
        new Case("sku=NOPE&lat=42&lon=-71", 404, "sku"),
        new Case("lat=42&lon=-71", 400, "sku"),
        new Case("sku=TEE-1&lat=91&lon=-71", 400, "lat"),
        new Case("sku=TEE-1&lat=abc&lon=-71", 400, "lat"),
        new Case("sku=TEE-1&lat=42", 400, "lon"),
        new Case("sku=TEE-1", 400, "lat"),
        new Case("sku=TEE-1&postalCode=00000", 400, "postalCode"),
        new Case("sku=TEE-1&lat=42&lon=-71&radiusKm=5000", 400, "radiusKm"))) {
      HttpResponse<Buffer> r = get(node, c.query());
      assertEquals(c.status(), r.statusCode(), c + " -> " + r.bodyAsString());
      assertEquals("application/problem+json", r.getHeader("content-type"));
      assertTrue(r.bodyAsJsonObject().getJsonArray("errors").stream()
          .anyMatch(e -> ((JsonObject) e).getString("field").equals(c.field())), c + " -> " + r.bodyAsString());
    }
  }

  @Test
  @DisplayName("a client over the rate limit gets 429 with Retry-After; hidden counts answer bands only")
  void rateLimitAndBands() throws Exception {
    try (TestNode limited = TestNode.start("availability_limited", Map.of(
        "rateLimit.publicPerSecond", 1, "rateLimit.publicBurst", 3, "availability.exactCounts", false))) {
      String q = "sku=TEE-1&lat=" + BOSTON_LAT + "&lon=" + BOSTON_LON;
      HttpResponse<Buffer> first = get(limited, q);
      assertEquals(200, first.statusCode(), first.bodyAsString());
      JsonObject item = first.bodyAsJsonObject().getJsonArray("stores").getJsonObject(0).getJsonArray("items")
          .getJsonObject(0);
      assertFalse(item.containsKey("available"), item.encode());
      assertEquals("in-stock", item.getString("band"));
      get(limited, q);
      get(limited, q);
      HttpResponse<Buffer> over = get(limited, q);
      assertEquals(429, over.statusCode());
      assertNotNull(over.getHeader("retry-after"));
      assertEquals("application/problem+json", over.getHeader("content-type"));
    }
  }
}
