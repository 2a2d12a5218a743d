package dev.aisle.server.inventory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The pool entry remembers what each order in capture reserved, so a release gives back exactly that, once. */
class SkuStockHoldTest {

  private static final SkuStock STOCK = SkuStock.ofAvailable("TV", Map.of("S1", 5L, "S2", 3L));

  private static long reserved(SkuStock s, String location) {
    return s.positionAt(location).reserved();
  }

  @Test
  @DisplayName("releasing an order's hold gives back what it reserved, once; another order's reservation stays")
  void releaseIsExactAndIdempotent() {
    SkuStock a = STOCK.reserveFor("order-a", new String[] {"S1", "S2"}, new long[] {2, 1});
    SkuStock ab = a.reserveFor("order-b", new String[] {"S1"}, new long[] {3});
    assertNull(ab.reserveFor("order-c", new String[] {"S1"}, new long[] {1}), "S1 is sold out");
    SkuStock released = ab.settleHold("order-a", true);
    assertEquals(3, reserved(released, "S1"));
    assertEquals(0, reserved(released, "S2"));
    assertSame(released, released.settleHold("order-a", true), "a second release changes nothing");
    assertSame(released, released.settleHold("order-never-reserved-here", true));
  }

  @Test
  @DisplayName("an order's reservation run twice (Hazelcast retrying the entry processor after a member left) "
      + "reserves once")
  void reservingTwiceForOneOrderReservesOnce() {
    SkuStock once = STOCK.reserveFor("order-a", new String[] {"S1"}, new long[] {2});
    assertSame(once, once.reserveFor("order-a", new String[] {"S1"}, new long[] {2}));
    assertEquals(2, reserved(once, "S1"));
    assertEquals(0, reserved(once.settleHold("order-a", true), "S1"), "one release gives it all back");
  }

  @Test
  @DisplayName("a release run twice under one operation id (a cancel's entry processor retried) gives back once")
  void releasingTwiceForOneOperationReleasesOnce() {
    SkuStock held = STOCK.reserve(new String[] {"S1"}, new long[] {4});
    SkuStock once = held.reserveFor("op:cancel-1", new String[] {"S1"}, new long[] {-3});
    assertSame(once, once.reserveFor("op:cancel-1", new String[] {"S1"}, new long[] {-3}));
    SkuStock kept = once.confirmHolds(new String[] {"op:cancel-1"});
    assertEquals(1, reserved(kept, "S1"));
    assertEquals(0, kept.holdOrders.length, "the record is forgotten, the release kept");
  }

  @Test
  @DisplayName("confirming a durable order's hold keeps its reservation and forgets the hold")
  void confirmKeepsTheReservation() {
    SkuStock held = STOCK.reserveFor("order-a", new String[] {"S2"}, new long[] {2});
    SkuStock confirmed = held.settleHold("order-a", false);
    assertEquals(2, reserved(confirmed, "S2"));
    assertSame(confirmed, confirmed.settleHold("order-a", true), "nothing is held for it any more");
    assertEquals(2, reserved(confirmed.settleHold("order-a", true), "S2"));
  }

  @Test
  @DisplayName("confirming several orders at once forgets exactly their holds and keeps every reservation")
  void confirmSeveral() {
    SkuStock held = STOCK.reserveFor("order-a", new String[] {"S1"}, new long[] {1})
        .reserveFor("order-b", new String[] {"S1", "S2"}, new long[] {1, 1})
        .reserveFor("order-c", new String[] {"S2"}, new long[] {1});
    SkuStock confirmed = held.confirmHolds(new String[] {"order-a", "order-c", "order-elsewhere"});
    assertEquals(2, reserved(confirmed, "S1"));
    assertEquals(2, reserved(confirmed, "S2"));
    SkuStock released = confirmed.settleHold("order-b", true).settleHold("order-a", true);
    assertEquals(1, reserved(released, "S1"), "order-a is durable: nothing of it is given back");
    assertEquals(1, reserved(released, "S2"));
    assertSame(confirmed, confirmed.confirmHolds(new String[] {"order-a"}));
  }

  @Test
  @DisplayName("a node's copy takes the reservations an operation answers only while its stock is the same")
  void reservationsUpdateACopyOfTheSameStock() {
    SkuStock copy = STOCK;
    SkuStock pool = STOCK.reserve(new String[] {"S1"}, new long[] {4});
    SkuStock updated = copy.withReservations(pool.reservations());
    assertEquals(1, updated.positionAt("S1").availableToSell());
    SkuStock restocked = pool.apply(java.util.List.of(new StockRow("TV", "S2", 9, 0, 1, 1, null)));
    assertNull(copy.withReservations(restocked.reservations()), "on-hand changed since the copy was made");
  }
}
