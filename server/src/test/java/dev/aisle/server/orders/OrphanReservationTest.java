package dev.aisle.server.orders;

import dev.aisle.server.platform.Uuids;
import dev.aisle.server.sourcing.Allocation;
import dev.aisle.server.sourcing.AllocationKind;
import dev.aisle.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.aisle.server.orders.Orders.line;
import static dev.aisle.server.orders.Orders.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node that dies between reserving and committing leaves a hold behind; the sweeper gives the stock back. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OrphanReservationTest {

  static final int BOUND_SECONDS = 2;
  static TestNode node;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start("orphans", Map.of("orders.orphanReleaseSeconds", BOUND_SECONDS));
    admin = node.adminToken();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  long available(String location, String sku) throws Exception {
    HttpResponse<Buffer> r = node.call(HttpMethod.GET, "/api/v1/inventory/" + location + "/" + sku, admin, null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getLong("availableToSell");
  }

  long reserved(String location, String sku) throws Exception {
    return node.call(HttpMethod.GET, "/api/v1/inventory/" + location + "/" + sku, admin, null).bodyAsJsonObject()
        .getLong("reserved");
  }

  @Test
  @DisplayName("a reservation whose order never committed is released within the bound")
  void orphanIsReleased() throws Exception {
    OrderService orders = node.node().orders();
    long before = available("B-WORCESTER", "TEE-1");
    // What capture does up to the commit, then "crashes": the claimed key with its hold and the reservation stay.
    List<Allocation> taken = List.of(new Allocation(1, "TEE-1", "B-WORCESTER", 5, AllocationKind.SHIP, null, 60));
    String key = IdempotencyKeys.key("web", "k-crashed");
    UUID orderId = UUID.randomUUID();
    assertNull(orders.keys().claim(key, "hash", orderId, taken).await(10, TimeUnit.SECONDS));
    assertNull(orders.inventory().reserveFor(orderId.toString(), "TEE-1", new String[] {"B-WORCESTER"},
        new long[] {5}).await(10, TimeUnit.SECONDS));
    assertEquals(before - 5, available("B-WORCESTER", "TEE-1"));

    long crashed = System.nanoTime();
    while (available("B-WORCESTER", "TEE-1") != before) {
      assertTrue(System.nanoTime() - crashed < TimeUnit.SECONDS.toNanos(BOUND_SECONDS * 5L),
          "the orphaned reservation was not released");
      Thread.sleep(100);
    }
    long tookMs = (System.nanoTime() - crashed) / 1_000_000;
    assertTrue(tookMs >= BOUND_SECONDS * 1000L - 200, "released before the bound: " + tookMs + " ms");
    // The key is free again: a retry may place the order.
    assertNull(orders.keys().claim(key, "hash", UUID.randomUUID(), List.of()).await(10, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("a node that died after claiming but before reserving leaves a hold that releases nothing: another"
      + " order's reservation at the same position stays")
  void holdWithoutReservationReleasesNothing() throws Exception {
    OrderService orders = node.node().orders();
    long reservedBefore = reserved("B-WORCESTER", "TEE-1");
    // Another capture holds 4 units there (in flight, on a live node).
    UUID other = UUID.randomUUID();
    assertNull(orders.inventory().reserveFor(other.toString(), "TEE-1", new String[] {"B-WORCESTER"},
        new long[] {4}).await(10, TimeUnit.SECONDS));
    // The crashed capture claimed its key with a hold of 3 units, then died before its reservation went out.
    String key = IdempotencyKeys.key("web", "k-died-before-reserving");
    List<Allocation> planned = List.of(new Allocation(1, "TEE-1", "B-WORCESTER", 3, AllocationKind.SHIP, null, 60));
    IdempotencyKeys.Entry stale = IdempotencyKeys.Entry.inFlight("hash", UUID.randomUUID(),
        System.currentTimeMillis() - 60_000, planned);
    assertNull(orders.keys().claim(key, stale).await(10, TimeUnit.SECONDS));
    orders.sweepHolds().await(10, TimeUnit.SECONDS);
    assertEquals(reservedBefore + 4, reserved("B-WORCESTER", "TEE-1"), "the other order's 4 units stay reserved");
    assertNull(orders.keys().claim(key, "hash", UUID.randomUUID(), List.of()).await(10, TimeUnit.SECONDS),
        "the dead capture's key is free again");
    orders.inventory().releaseHold("TEE-1", other.toString()).await(10, TimeUnit.SECONDS);
    assertEquals(reservedBefore, reserved("B-WORCESTER", "TEE-1"));
  }

  @Test
  @DisplayName("the fates of orders older than the retention are forgotten; recent ones stay, and so do ids without"
      + " a time in them")
  void oldFatesAreForgotten() throws Exception {
    long hourAgo = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
    UUID old = Uuids.v7Floor(hourAgo - 5_000);
    UUID older = Uuids.v7Floor(hourAgo - 60_000);
    UUID recent = Uuids.v7();
    UUID timeless = new UUID(0L, 1L);  // version 0: sorts below every cutoff, but says nothing of its age
    TestNode.sql(node.db(), "INSERT INTO order_fates VALUES ('" + old + "', false), ('" + older + "', true), ('"
        + recent + "', false), ('" + timeless + "', false)");
    OrderService orders = node.node().orders();
    assertTrue(orders.pruneFates(TimeUnit.HOURS.toMillis(1)).await(10, TimeUnit.SECONDS) >= 2);
    assertEquals(0, node.queryLong("SELECT count(*) FROM order_fates WHERE order_id IN ('" + old + "', '" + older
        + "')"));
    assertEquals(2, node.queryLong("SELECT count(*) FROM order_fates WHERE order_id IN ('" + recent + "', '"
        + timeless + "')"));
  }

  @Test
  @DisplayName("a hold whose order did reach PostgreSQL is dropped without releasing the order's stock")
  void durableOrderKeepsItsStock() throws Exception {
    String storefront = node.apiKey(admin, "shop-" + UUID.randomUUID(), "storefront");
    HttpResponse<Buffer> r = node.client().post("/api/v1/orders").putHeader("X-Api-Key", storefront)
        .putHeader("Idempotency-Key", "k-durable").sendJsonObject(order("W-durable", line("MUG-1", 2)))
        .await(30, TimeUnit.SECONDS);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String location = r.bodyAsJsonObject().getJsonArray("lines").getJsonObject(0).getJsonArray("allocations")
        .getJsonObject(0).getString("locationId");
    long held = reserved(location, "MUG-1");
    // The node died after the commit but before completing the key: it is still in flight with its hold.
    OrderService orders = node.node().orders();
    UUID id = UUID.fromString(r.bodyAsJsonObject().getString("id"));
    String key = IdempotencyKeys.key("web", "k-durable-crash");
    List<Allocation> hold = List.of(new Allocation(1, "MUG-1", location, 2, AllocationKind.SHIP, null, 1));
    IdempotencyKeys.Entry inFlight = IdempotencyKeys.Entry.inFlight("hash", id, System.currentTimeMillis() - 60_000,
        hold);
    assertNull(orders.keys().claim(key, inFlight).await(10, TimeUnit.SECONDS));
    assertEquals(0, orders.sweepHolds().await(10, TimeUnit.SECONDS), "nothing is released for a durable order");
    assertEquals(held, reserved(location, "MUG-1"));
    IdempotencyKeys.Entry after = orders.keys().claim(key, "other", UUID.randomUUID(), List.of())
        .await(10, TimeUnit.SECONDS);
    assertEquals(id.toString(), after.orderId(), "the key now names the durable order");
    assertEquals(201, after.status());
  }
}
