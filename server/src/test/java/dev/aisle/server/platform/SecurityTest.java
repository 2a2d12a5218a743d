package dev.aisle.server.platform;

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

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecurityTest {

  static TestNode node;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("security");
    admin = node.adminToken();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals("application/problem+json", r.getHeader("content-type"));
    assertEquals(status, r.bodyAsJsonObject().getInteger("status"));
  }

  @Test
  @DisplayName("a storefront key cannot write inventory (403) and nothing changes")
  void storefrontCannotWriteInventory() throws Exception {
    String storefront = node.apiKey(admin, "web-shop", "storefront");
    assertProblem(node.call(HttpMethod.PUT, "/api/v1/inventory/B-DOWNTOWN/TEE-1", storefront,
        new JsonObject().put("onHand", 999)), 403);
    assertProblem(node.call(HttpMethod.POST, "/api/v1/inventory/adjustments", storefront,
        new JsonObject().put("adjustments", new JsonArray())), 403);
    assertProblem(node.call(HttpMethod.POST, "/api/v1/inventory/snapshot", storefront,
        "{\"sku\":\"TEE-1\",\"locationId\":\"B-DOWNTOWN\",\"onHand\":999,\"feedSeq\":1}\n"), 403);
    assertEquals(10, node.queryLong("SELECT on_hand FROM stock WHERE sku='TEE-1' AND location_id='B-DOWNTOWN'"));
    // but the public lookup works for it
    assertEquals(200, node.call(HttpMethod.GET, "/api/v1/availability?sku=TEE-1&lat=42.35&lon=-71.06", storefront,
        null).statusCode());
  }

  @Test
  @DisplayName("an associate reads its own store but gets 403 for another store")
  void associateSeesOnlyItsStore() throws Exception {
    String associate = node.userToken(admin, "ana", "associate", "B-CAMBRIDGE");
    HttpResponse<Buffer> own = node.call(HttpMethod.GET, "/api/v1/inventory/B-CAMBRIDGE/TEE-1", associate, null);
    assertEquals(200, own.statusCode(), own.bodyAsString());
    assertEquals(3, own.bodyAsJsonObject().getLong("onHand"));
    assertProblem(node.call(HttpMethod.GET, "/api/v1/inventory/B-DOWNTOWN/TEE-1", associate, null), 403);
    HttpResponse<Buffer> view = node.call(HttpMethod.GET, "/api/v1/inventory/TEE-1", associate, null);
    assertEquals(200, view.statusCode());
    JsonArray positions = view.bodyAsJsonObject().getJsonArray("positions");
    assertEquals(1, positions.size(), "a store role sees only its own position: " + positions.encode());
    assertEquals("B-CAMBRIDGE", positions.getJsonObject(0).getString("locationId"));
    // and cannot write stock at all
    assertProblem(node.call(HttpMethod.PUT, "/api/v1/inventory/B-CAMBRIDGE/TEE-1", associate,
        new JsonObject().put("onHand", 1)), 403);
  }

  @Test
  @DisplayName("a store manager may set stock in its own store only")
  void storeManagerOwnStoreOnly() throws Exception {
    String manager = node.userToken(admin, "max", "store-manager", "B-QUINCY");
    assertEquals(200, node.call(HttpMethod.PUT, "/api/v1/inventory/B-QUINCY/MUG-1", manager,
        new JsonObject().put("onHand", 6)).statusCode());
    assertProblem(node.call(HttpMethod.PUT, "/api/v1/inventory/B-DOWNTOWN/MUG-1", manager,
        new JsonObject().put("onHand", 6)), 403);
    assertEquals(0, node.queryLong("SELECT count(*) FROM stock WHERE sku='MUG-1' AND location_id='B-DOWNTOWN'"));
    assertEquals(1, node.queryLong(
        "SELECT count(*) FROM stock_movements WHERE location_id='B-QUINCY' AND actor='store-manager:max'"),
        "the change is recorded with who made it");
  }

  @Test
  @DisplayName("no credentials is 401, a bad token is 401, the wrong role is 403")
  void credentials() throws Exception {
    assertProblem(node.call(HttpMethod.GET, "/api/v1/inventory/TEE-1", null, null), 401);
    assertProblem(node.call(HttpMethod.PUT, "/api/v1/products/X-1", null, new JsonObject()), 401);
    assertProblem(node.call(HttpMethod.POST, "/api/v1/inventory/snapshot", null, "{}\n"), 401);
    assertProblem(node.call(HttpMethod.GET, "/api/v1/inventory/TEE-1", "not.a.jwt", null), 401);
    assertProblem(node.call(HttpMethod.GET, "/api/v1/inventory/TEE-1", "ak_000000000000_nope", null), 401);
    String csr = node.userToken(admin, "cara", "csr", null);
    assertEquals(200, node.call(HttpMethod.GET, "/api/v1/inventory/TEE-1", csr, null).statusCode());
    assertProblem(node.call(HttpMethod.PUT, "/api/v1/products/X-1", csr, new JsonObject()), 403);
  }

  @Test
  @DisplayName("health, metrics and unknown routes answer without credentials; unknown routes are problems")
  void publicEndpoints() throws Exception {
    HttpResponse<Buffer> ready = node.call(HttpMethod.GET, "/health/ready", null, null);
    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    assertEquals("UP", ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getString("status"));
    assertEquals(200, node.call(HttpMethod.GET, "/health/live", null, null).statusCode());
    node.call(HttpMethod.GET, "/api/v1/products/TEE-1", null, null);
    HttpResponse<Buffer> metrics = node.call(HttpMethod.GET, "/metrics", null, null);
    assertEquals(200, metrics.statusCode());
    assertEquals(true, metrics.bodyAsString().contains("vertx_http_server_requests_total"), "HTTP metrics exported");
    assertProblem(node.call(HttpMethod.GET, "/api/v1/nothing-here", admin, null), 404);
  }
}
