package dev.aisle.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.aisle.api.TaskStatus.AWAITING_TRANSFER;
import static dev.aisle.api.TaskStatus.CANCELLED;
import static dev.aisle.api.TaskStatus.EXPIRED;
import static dev.aisle.api.TaskStatus.HANDED_OVER;
import static dev.aisle.api.TaskStatus.OPEN;
import static dev.aisle.api.TaskStatus.PACKED;
import static dev.aisle.api.TaskStatus.PICKED;
import static dev.aisle.api.TaskStatus.PICKING;
import static dev.aisle.api.TaskStatus.READY;
import static dev.aisle.api.TaskStatus.RECEIVED;
import static dev.aisle.api.TaskStatus.SHIPPED;
import static dev.aisle.api.TaskStatus.STAGED;
import static dev.aisle.api.TaskType.PICKUP;
import static dev.aisle.api.TaskType.SHIP_FROM_STORE;
import static dev.aisle.api.TaskType.SHIP_TO_STORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskStatusTest {

  private static final List<TaskStatus> SHIP_FLOW = List.of(OPEN, PICKING, PICKED, PACKED, SHIPPED);
  private static final List<TaskStatus> PICKUP_FLOW = List.of(OPEN, PICKING, PICKED, STAGED, READY, HANDED_OVER);

  @Test
  @DisplayName("ship-from-store and ship-to-store tasks go open, picking, picked, packed, shipped and nowhere else")
  void shipFlows() {
    for (TaskType type : List.of(SHIP_FROM_STORE, SHIP_TO_STORE)) {
      for (int i = 0; i + 1 < SHIP_FLOW.size(); i++) {
        TaskStatus from = SHIP_FLOW.get(i);
        assertEquals(EnumSet.of(SHIP_FLOW.get(i + 1), CANCELLED), from.next(type), type + " from " + from);
      }
      assertEquals(Set.of(), SHIPPED.next(type));
      for (TaskStatus pickupOnly : List.of(STAGED, READY, HANDED_OVER, AWAITING_TRANSFER, RECEIVED, EXPIRED)) {
        assertEquals(Set.of(), pickupOnly.next(type), type + " has no " + pickupOnly);
      }
    }
  }

  @Test
  @DisplayName("a pickup goes open to handed-over, may expire once ready, and may start by waiting for a transfer")
  void pickupFlow() {
    for (int i = 0; i + 1 < PICKUP_FLOW.size(); i++) {
      TaskStatus from = PICKUP_FLOW.get(i);
      assertTrue(from.canMoveTo(PICKUP, PICKUP_FLOW.get(i + 1)), "pickup from " + from);
    }
    assertEquals(EnumSet.of(HANDED_OVER, EXPIRED, CANCELLED), READY.next(PICKUP));
    assertEquals(EnumSet.of(RECEIVED, CANCELLED), AWAITING_TRANSFER.next(PICKUP));
    assertEquals(EnumSet.of(OPEN, CANCELLED), RECEIVED.next(PICKUP));
    assertEquals(Set.of(), PACKED.next(PICKUP));
    assertEquals(Set.of(), SHIPPED.next(PICKUP));
  }

  @Test
  @DisplayName("skipping a step, going back, or moving out of a final status is illegal")
  void illegalMoves() {
    assertFalse(OPEN.canMoveTo(SHIP_FROM_STORE, PICKED));
    assertFalse(PICKING.canMoveTo(SHIP_FROM_STORE, OPEN));
    assertFalse(PICKED.canMoveTo(SHIP_FROM_STORE, STAGED));
    assertFalse(PICKED.canMoveTo(PICKUP, PACKED));
    assertFalse(STAGED.canMoveTo(PICKUP, HANDED_OVER));
    assertFalse(STAGED.canMoveTo(PICKUP, EXPIRED));
    assertFalse(AWAITING_TRANSFER.canMoveTo(PICKUP, PICKING));
    assertFalse(OPEN.canMoveTo(SHIP_TO_STORE, RECEIVED));
    for (TaskType type : TaskType.values()) {
      for (TaskStatus done : List.of(SHIPPED, HANDED_OVER, CANCELLED, EXPIRED)) {
        assertEquals(Set.of(), done.next(type), done + " is final for " + type);
      }
    }
  }

  @Test
  @DisplayName("every non-final status of a flow can be cancelled")
  void cancel() {
    for (TaskStatus s : List.of(OPEN, PICKING, PICKED, PACKED)) {
      assertTrue(s.canMoveTo(SHIP_FROM_STORE, CANCELLED), s.wire());
      assertTrue(s.canMoveTo(SHIP_TO_STORE, CANCELLED), s.wire());
    }
    for (TaskStatus s : List.of(AWAITING_TRANSFER, RECEIVED, OPEN, PICKING, PICKED, STAGED, READY)) {
      assertTrue(s.canMoveTo(PICKUP, CANCELLED), s.wire());
    }
  }

  @Test
  @DisplayName("shipped, handed-over, cancelled and expired are done; nothing else is")
  void done() {
    Set<TaskStatus> done = EnumSet.noneOf(TaskStatus.class);
    for (TaskStatus s : TaskStatus.values()) {
      if (s.done()) {
        done.add(s);
      }
    }
    assertEquals(EnumSet.of(SHIPPED, HANDED_OVER, CANCELLED, EXPIRED), done);
  }

  @Test
  @DisplayName("statuses and types read back from their wire names, and refuse unknown ones")
  void wireNames() {
    for (TaskStatus s : TaskStatus.values()) {
      assertEquals(s, TaskStatus.fromWire(s.wire()));
    }
    for (TaskType t : TaskType.values()) {
      assertEquals(t, TaskType.fromWire(t.wire()));
    }
    assertEquals("handed-over", HANDED_OVER.wire());
    assertEquals("awaiting-transfer", AWAITING_TRANSFER.wire());
    assertEquals("ship-to-store", SHIP_TO_STORE.wire());
    assertThrows(IllegalArgumentException.class, () -> TaskStatus.fromWire("lost"));
    assertThrows(IllegalArgumentException.class, () -> TaskType.fromWire("delivery"));
  }
}
