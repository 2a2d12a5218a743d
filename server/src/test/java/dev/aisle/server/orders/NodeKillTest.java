package dev.aisle.server.orders;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.aisle.api.FeedEvent;
import dev.aisle.api.client.FeedSubscription;
import dev.aisle.api.client.StoreAppClient;
import dev.aisle.server.platform.InvariantCheck;
import dev.aisle.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static dev.aisle.server.orders.Orders.line;
import static dev.aisle.server.orders.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reduced node-kill drill (issue 6): three nodes in one cluster on one database, a doorbuster spread over all
 * of them, one node crashed mid-run ({@link TestNode#crash()}: its Hazelcast member terminated, no graceful leave).
 * Storefronts retry an unanswered order on the next node with the same Idempotency-Key, as a real one would.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NodeKillTest {

  static final int BOUND_SECONDS = 3;
  static final int BUYERS = 450;
  static final int IN_FLIGHT = 48;
  static final String STORE = "B-DOWNTOWN";

  @Test
  @DisplayName("one of three nodes killed during a doorbuster: every 201 is in PostgreSQL, no oversell, the dead"
      + " node's holds are released within the bound, its device resumes on a live node without a gap")
  void killOneOfThree() throws Exception {
    var members = TestNode.cluster("kill", 3);
    TestNode[] nodes = new TestNode[3];
    for (int i = 0; i < 3; i++) {
      Map<String, Object> config = new HashMap<>(members.get(i));
      config.put("orders.orphanReleaseSeconds", BOUND_SECONDS);
      if (i == 2) {
        // One commit at a time on the node to be killed, so that orders queue in its writer when it dies.
        config.put("orders.writerConnections", 1);
      }
      nodes[i] = i == 0 ? TestNode.start("node_kill", config) : TestNode.start(nodes[0].db(), "node_kill", config);
    }
    TestNode victim = nodes[2];
    Vertx outside = Vertx.vertx();  // storefronts and the handheld: not inside any node
    try {
      String admin = nodes[0].adminToken();
      String web = nodes[0].apiKey(admin, "web", "storefront");
      nodes[0].userToken(admin, "kim", "associate", STORE);
      StoreAppClient kim = new StoreAppClient(outside, List.of(address(victim), address(nodes[0]),
          address(nodes[1])));
      kim.login("kim", "pw-kim-12345").await(30, TimeUnit.SECONDS);
      List<FeedEvent> events = new CopyOnWriteArrayList<>();
      FeedSubscription feed = kim.follow(STORE, 0, events::add);
      feed.awaitLive().await(30, TimeUnit.SECONDS);

      List<WebClient> shops = new ArrayList<>();
      for (TestNode n : nodes) {
        shops.add(WebClient.create(outside, new WebClientOptions().setDefaultHost("127.0.0.1")
            .setDefaultPort(n.node().httpPort()), new PoolOptions().setHttp1MaxSize(IN_FLIGHT)));
      }
      // Two doorbuster buyers for one T-shirt buyer; 5xx answers are tolerated from the node that dies only.
      Buyers buyers = new Buyers(outside, shops, web, "kill-", BUYERS,
          i -> order("K-" + i, line(sku(i), 1)), Set.of(2));
      Future<Void> run = buyers.run(IN_FLIGHT);
      while (buyers.outcomes.size() < BUYERS / 3) {
        Thread.sleep(5);
      }
      long killedAt = System.currentTimeMillis();
      victim.crash();
      // Holds of orders in flight at the kill, the dead node's among them, are settled within the bound.
      IMap<String, IdempotencyKeys.Entry> keys = nodes[0].node().hazelcast().getMap(IdempotencyKeys.MAP);
      List<UUID> heldAtKill = keys.values(Predicates.equal("status", 0)).stream().filter(e -> e.at() < killedAt)
          .map(e -> UUID.fromString(e.orderId())).toList();
      run.await(3, TimeUnit.MINUTES);
      long settledMs;
      while (true) {
        settledMs = System.currentTimeMillis() - killedAt;
        boolean left = keys.values(Predicates.equal("status", 0)).stream().anyMatch(e -> e.at() < killedAt);
        if (!left) {
          break;
        }
        assertTrue(settledMs < (BOUND_SECONDS + 10) * 1_000L, "holds from before the kill still in flight after "
            + settledMs + " ms (bound " + BOUND_SECONDS + " s)");
        Thread.sleep(50);
      }

      Set<UUID> acked = buyers.created().stream().map(o -> UUID.fromString(o.orderId())).collect(Collectors.toSet());
      long hot = buyers.created().stream().filter(o -> sku(o.buyer()).equals("HOT-1")).count();
      long gaveUp = buyers.count(-1);
      long heldDurable = heldAtKill.isEmpty() ? 0 : nodes[0].queryLong("SELECT count(*) FROM orders WHERE id IN ("
          + heldAtKill.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",")) + ")");
      System.out.printf("node kill: %d buyers, %d orders created (%d doorbuster), %d refused, %d gave up; %d holds in"
          + " flight at the kill (%d of their orders committed, %d released), all settled %d ms after it%n",
          buyers.outcomes.size(), acked.size(), hot, buyers.count(409), gaveUp,
          heldAtKill.size(), heldDurable, heldAtKill.size() - heldDurable, settledMs);
      assertEquals(BUYERS, buyers.outcomes.size());
      assertEquals(0, gaveUp, "every buyer got an answer from a surviving node");
      assertTrue(hot <= 100, hot + " doorbuster orders for 100 units");
      assertEquals(hot, nodes[0].queryLong("SELECT count(*) FROM order_lines WHERE sku = 'HOT-1'"),
          "no order without a 201 for its buyer: each buyer's retries ended in one order");

      assertEquals(List.of(), InvariantCheck.database(nodes[0].db(), acked));
      String url = "http://127.0.0.1:" + nodes[0].node().httpPort();
      assertEquals(List.of(), InvariantCheck.pool(nodes[0].db(), acked, url, admin));

      // The handheld was on the dead node: it resumed on a live one and has every event of its store, once, in order.
      long last = nodes[0].queryLong("SELECT max(seq) FROM store_feed WHERE location_id = '" + STORE + "'");
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (events.size() < last && System.nanoTime() < waitUntil) {
        Thread.sleep(20);
      }
      Thread.sleep(200);
      assertEquals(last, events.size(), "every event of the store reached the device");
      for (int i = 0; i < events.size(); i++) {
        assertEquals(i + 1, events.get(i).seq(), "each once, in order");
      }
      Set<String> seen = events.stream().map(FeedEvent::orderId).collect(Collectors.toSet());
      long atStore = nodes[0].queryLong("SELECT count(DISTINCT order_id) FROM allocations WHERE location_id = '"
          + STORE + "'");
      assertEquals(atStore, acked.stream().filter(id -> seen.contains(id.toString())).count(),
          "every acknowledged order allocated at the store has its task on the device");
      assertTrue(feed.live(), "the feed is live on a surviving node");
      feed.close().await(10, TimeUnit.SECONDS);
    } finally {
      outside.close().await(30, TimeUnit.SECONDS);
      for (TestNode n : nodes) {
        n.close();
      }
    }
  }

  private static String sku(int buyer) {
    return buyer % 3 == 2 ? "TEE-1" : "HOT-1";
  }

  private static SocketAddress address(TestNode node) {
    return SocketAddress.inetSocketAddress(node.node().httpPort(), "127.0.0.1");
  }
}
