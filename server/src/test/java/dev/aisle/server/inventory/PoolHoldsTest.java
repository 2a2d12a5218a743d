package dev.aisle.server.inventory;

import com.hazelcast.map.IMap;
import dev.aisle.server.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool on a real Hazelcast member: holds of durable orders are forgotten in batches (with the next operation on
 * their SKU, or shortly after) without touching their reservations, and the copy a node plans on follows its own
 * reservations and every stock feed it applies.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PoolHoldsTest {

  static TestNode node;
  static HazelcastInventoryPool pool;
  static IMap<String, SkuStock> map;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("pool_holds", Map.of());
    pool = new HazelcastInventoryPool(node.node().vertx(), node.node().hazelcast());
    map = node.node().hazelcast().getMap(HazelcastInventoryPool.MAP);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A SKU of its own for each test: 10 on hand at S1, version 1. */
  static String newSku() throws Exception {
    String sku = "POOL-" + UUID.randomUUID();
    pool.apply(List.of(new StockRow(sku, "S1", 10, 0, 1, 1, null))).await(10, TimeUnit.SECONDS);
    return sku;
  }

  static String order() {
    return UUID.randomUUID().toString();
  }

  static List<String> holds(String sku) {
    return List.of(map.get(sku).holdOrders);
  }

  static long reserved(String sku) {
    return map.get(sku).positionAt("S1").reserved();
  }

  static SkuStock reserveFor(String orderId, String sku, long quantity) throws Exception {
    return pool.reserveFor(orderId, sku, new String[] {"S1"}, new long[] {quantity}).await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a durable order's hold goes with the next reservation of its SKU; its stock stays reserved")
  void confirmedHoldGoesWithTheNextReservation() throws Exception {
    String sku = newSku();
    String a = order();
    String b = order();
    assertNull(reserveFor(a, sku, 2));
    pool.confirmHold(sku, a);
    assertNull(reserveFor(b, sku, 3));
    assertEquals(List.of(b), holds(sku), "only the order still in capture is held");
    assertEquals(5, reserved(sku));
    pool.releaseHold(sku, a).await(10, TimeUnit.SECONDS);
    assertEquals(5, reserved(sku), "a release for a confirmed order gives nothing back");
    pool.releaseHold(sku, b).await(10, TimeUnit.SECONDS);
    assertEquals(2, reserved(sku), "the order in capture gets exactly its own units back");
  }

  @Test
  @DisplayName("confirmed holds of SKUs nothing else touches are forgotten within a moment, reservations kept")
  void confirmedHoldsGoInABatch() throws Exception {
    String one = newSku();
    String two = newSku();
    String a = order();
    String b = order();
    assertNull(reserveFor(a, one, 1));
    assertNull(reserveFor(b, two, 4));
    pool.confirmHold(one, a);
    pool.confirmHold(two, b);
    long started = System.nanoTime();
    while (!holds(one).isEmpty() || !holds(two).isEmpty()) {
      assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "the holds are still recorded");
      Thread.sleep(20);
    }
    assertEquals(1, reserved(one));
    assertEquals(4, reserved(two));
  }

  @Test
  @DisplayName("a plain release (a cancel) run twice by Hazelcast gives back once, and leaves no record behind")
  void plainChangesApplyOnce() throws Exception {
    String sku = newSku();
    assertNull(pool.reserve(sku, new String[] {"S1"}, new long[] {6}).await(10, TimeUnit.SECONDS));
    // What Hazelcast does when the member running an entry processor leaves before answering: it runs the same
    // processor again on the new owner, which may already hold the first run from its backup.
    ReserveStock release = new ReserveStock(HazelcastInventoryPool.OPERATION + "retried", new String[] {"S1"},
        new long[] {-2}, new String[0]);
    map.executeOnKey(sku, release);
    map.executeOnKey(sku, release);
    assertEquals(4, reserved(sku), "released once");

    assertNull(pool.reserve(sku, new String[] {"S1"}, new long[] {-1}).await(10, TimeUnit.SECONDS));
    assertEquals(3, reserved(sku));
    long started = System.nanoTime();
    while (holds(sku).stream().anyMatch(h -> !h.endsWith("retried"))) {
      assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "the operation is still recorded");
      Thread.sleep(20);
    }
    assertEquals(3, reserved(sku), "forgetting the record keeps the release");
  }

  @Test
  @DisplayName("the copy a node plans on follows its reservations, another node's (seen at its next reservation),"
      + " and a stock feed at once")
  void planningCopyStaysCurrent() throws Exception {
    String sku = newSku();
    assertEquals(10, available(sku));
    assertNull(reserveFor(order(), sku, 2));
    assertEquals(8, available(sku), "its own reservation");

    HazelcastInventoryPool other = new HazelcastInventoryPool(node.node().vertx(), node.node().hazelcast());
    assertNull(other.reserveFor(order(), sku, new String[] {"S1"}, new long[] {3}).await(10, TimeUnit.SECONDS));
    assertNull(reserveFor(order(), sku, 1));
    assertEquals(4, available(sku), "the pool's answer to its next reservation includes the other node's");

    pool.apply(List.of(new StockRow(sku, "S1", 30, 0, 2, 2, null))).await(10, TimeUnit.SECONDS);
    assertEquals(24, available(sku), "a stock feed applied here is planned on at once");

    SkuStock lost = reserveFor(order(), sku, 25);
    assertEquals(24, lost.positionAt("S1").availableToSell(), "a lost race answers the entry as it is");
    assertEquals(24, available(sku));
  }

  @Test
  @DisplayName("a position's bin follows the stock rows applied, newest version first; a stale row leaves it")
  void binsFollowTheRows() throws Exception {
    String sku = newSku();
    pool.apply(List.of(new StockRow(sku, "S1", 10, 0, 1, 2, "A07-03"), new StockRow(sku, "S2", 4, 0, 1, 1, "B01-01")))
        .await(10, TimeUnit.SECONDS);
    assertEquals("A07-03", map.get(sku).binAt("S1"));
    assertEquals("B01-01", map.get(sku).binAt("S2"), "a new position comes with its bin");
    pool.apply(List.of(new StockRow(sku, "S1", 10, 0, 1, 1, "Z99-99"))).await(10, TimeUnit.SECONDS);
    assertEquals("A07-03", map.get(sku).binAt("S1"), "an older row changes nothing");
    pool.apply(List.of(new StockRow(sku, "S1", 10, 0, 1, 3, null))).await(10, TimeUnit.SECONDS);
    assertNull(map.get(sku).binAt("S1"), "a cleared bin is cleared in the pool too");
    assertNull(map.get(sku).binAt("S3"));
  }

  static long available(String sku) throws Exception {
    return pool.forPlanning(List.of(sku)).await(10, TimeUnit.SECONDS).get(sku).positionAt("S1").availableToSell();
  }
}
