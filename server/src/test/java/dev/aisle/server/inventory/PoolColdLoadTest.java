package dev.aisle.server.inventory;

import dev.aisle.server.platform.DbTarget;
import dev.aisle.server.testing.TestNetwork;
import dev.aisle.server.testing.TestNode;
import dev.aisle.server.testing.TestPostgres;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PoolColdLoadTest {

  @Test
  @DisplayName("a cold cluster start rebuilds every position from PostgreSQL (many cursor fetches)")
  void coldStartRebuildsThePool() throws Exception {
    DbTarget db = TestPostgres.freshDatabase("pool_cold_load");
    TestNode.sql(db, TestNetwork.SQL + """
        INSERT INTO products (sku, name, upc, price_cents, weight_grams)
        SELECT 'P-' || lpad(i::text, 5, '0'), 'Bulk ' || i, '7' || lpad(i::text, 11, '0'), 100, 10
          FROM generate_series(1, 12000) i;
        INSERT INTO stock (sku, location_id, on_hand, safety_stock, version, bin)
        SELECT 'P-' || lpad(i::text, 5, '0'), l, i % 97, 0, 3, CASE WHEN l = 'NYC-1' THEN 'N-' || i END
          FROM generate_series(1, 12000) i, unnest(ARRAY['DC-1', 'B-DOWNTOWN', 'NYC-1']) l;
        """);
    try (TestNode node = TestNode.start(db, "pool_cold_load", Map.of())) {
      String admin = node.adminToken();
      for (int i : new int[] {1, 5_000, 11_999}) {
        HttpResponse<Buffer> r = node.call(HttpMethod.GET, String.format("/api/v1/inventory/P-%05d", i), admin, null);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject totals = r.bodyAsJsonObject().getJsonObject("totals");
        assertEquals(3, totals.getInteger("locations"));
        assertEquals(3L * (i % 97), totals.getLong("onHand"));
      }
      assertEquals(669, node.call(HttpMethod.GET, "/api/v1/inventory/TEE-1", admin, null).bodyAsJsonObject()
          .getJsonObject("totals").getLong("onHand"), "the hand-placed network is loaded too");
      SkuStock entry = node.node().hazelcast().<String, SkuStock>getMap(HazelcastInventoryPool.MAP).get("P-05000");
      assertEquals("N-5000", entry.binAt("NYC-1"), "bins are loaded with the positions (task lines take them)");
      assertNull(entry.binAt("DC-1"));
    }
  }
}
