package dev.aisle.server.orders;

import dev.aisle.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.aisle.server.orders.Orders.line;
import static dev.aisle.server.orders.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two Vert.x nodes, each with its own Hazelcast member, on one PostgreSQL. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterOrdersTest {

  static TestNode[] pair(String name) throws Exception {
    var members = TestNode.cluster(name, 2);
    TestNode first = TestNode.start(name, members.get(0));
    TestNode second = TestNode.start(first.db(), name, members.get(1));
    return new TestNode[] {first, second};
  }

  static JsonObject position(TestNode node, String admin, String location, String sku) throws Exception {
    HttpResponse<Buffer> r = node.call(HttpMethod.GET, "/api/v1/inventory/" + location + "/" + sku, admin, null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("doorbuster on two nodes: 2,000 buyers for 100 units → exactly 100 orders, ATS 0, reserved 100 after"
      + " restarting both nodes")
  void doorbuster() throws Exception {
    TestNode[] nodes = pair("doorbuster");
    String admin = nodes[0].adminToken();
    String key = nodes[0].apiKey(admin, "web", "storefront");
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      TestNode via = nodes[i % 2];
      all.add(via.client().post("/api/v1/orders").putHeader("X-Api-Key", key)
          .putHeader("Idempotency-Key", "door-" + i).sendJsonObject(order("D-" + i, line("HOT-1", 1))));
    }
    Future.join(all).await(3, TimeUnit.MINUTES);
    int created = 0;
    for (Future<HttpResponse<Buffer>> f : all) {
      HttpResponse<Buffer> r = f.result();
      if (r.statusCode() == 201) {
        created++;
      } else {
        assertEquals(409, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("content-type"));
        assertTrue(r.bodyAsJsonObject().getString("title").equals("Out of stock"), r.bodyAsString());
      }
    }
    assertEquals(100, created);
    for (TestNode n : nodes) {
      assertEquals(0, position(n, admin, "B-DOWNTOWN", "HOT-1").getLong("availableToSell"));
    }
    assertEquals(100, nodes[0].queryLong("SELECT count(*) FROM allocations WHERE sku = 'HOT-1' AND status = 'open'"));
    assertEquals(100, nodes[0].queryLong("SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id"
        + " WHERE l.sku = 'HOT-1'"));

    var db = nodes[0].db();
    nodes[1].close();
    nodes[0].close();
    var members = TestNode.cluster("doorbuster-again", 2);
    TestNode first = TestNode.start(db, "doorbuster", members.get(0));
    TestNode second = TestNode.start(db, "doorbuster", members.get(1));
    try {
      String token = first.adminToken();
      for (TestNode n : List.of(first, second)) {
        JsonObject p = position(n, token, "B-DOWNTOWN", "HOT-1");
        assertEquals(100, p.getLong("reserved"), p.encode());
        assertEquals(0, p.getLong("availableToSell"));
      }
    } finally {
      second.close();
      first.close();
    }
  }

  @Test
  @DisplayName("rules changed through one node are active on the other within a second")
  void rulesReachTheOtherNode() throws Exception {
    TestNode[] nodes = pair("rules");
    try {
      String adminA = nodes[0].adminToken();
      String adminB = nodes[1].adminToken();
      JsonObject current = nodes[0].call(HttpMethod.GET, "/api/v1/sourcing/rules", adminA, null).bodyAsJsonObject();
      JsonObject doc = current.getJsonObject("document").copy().put("name", "no-downtown");
      doc.put("filters", new JsonArray().add(new JsonObject().put("type", "capability"))
          .add(new JsonObject().put("type", "minAts"))
          .add(new JsonObject().put("type", "excludeLocations").put("locations", new JsonArray().add("B-DOWNTOWN"))));
      HttpResponse<Buffer> put = nodes[0].call(HttpMethod.PUT, "/api/v1/sourcing/rules", adminA, doc);
      assertEquals(200, put.statusCode(), put.bodyAsString());
      int version = put.bodyAsJsonObject().getInteger("version");
      long changed = System.nanoTime();
      JsonObject sim;
      while (true) {
        sim = nodes[1].call(HttpMethod.POST, "/api/v1/sourcing/simulate", adminB,
            new JsonObject().put("shipTo", order("x").getJsonObject("shipTo"))
                .put("lines", new JsonArray().add(line("TEE-1", 1)))).bodyAsJsonObject();
        if (sim.getInteger("rulesVersion") == version) {
          break;
        }
        assertTrue(System.nanoTime() - changed < TimeUnit.SECONDS.toNanos(1),
            "node B still plans with version " + sim.getInteger("rulesVersion"));
        Thread.sleep(20);
      }
      String winner = sim.getJsonArray("allocations").getJsonObject(0).getString("locationId");
      assertTrue(!winner.equals("B-DOWNTOWN"), "the excluded store must not win: " + sim.encode());
    } finally {
      nodes[1].close();
      nodes[0].close();
    }
  }
}
