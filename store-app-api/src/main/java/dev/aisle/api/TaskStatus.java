package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a store task is. The legal moves depend on the {@link TaskType} and are listed here, once; anything else
 * is an illegal transition (the server answers 409).
 * <ul>
 *   <li>ship-from-store, ship-to-store: open → picking → picked → packed → shipped;</li>
 *   <li>pickup: open → picking → picked → staged → ready → handed-over, and ready → expired; a pickup whose stock
 *       comes by transfer starts awaiting-transfer → received → open;</li>
 *   <li>any status of the type's flow that is not {@link #done() done} → cancelled.</li>
 * </ul>
 * A status outside the type's flow (staged for a ship-from-store task, say) has no moves.
 */
public enum TaskStatus {
  OPEN("open"),
  PICKING("picking"),
  PICKED("picked"),
  PACKED("packed"),
  SHIPPED("shipped"),
  STAGED("staged"),
  READY("ready"),
  HANDED_OVER("handed-over"),
  AWAITING_TRANSFER("awaiting-transfer"),
  RECEIVED("received"),
  CANCELLED("cancelled"),
  EXPIRED("expired");

  private final String wire;

  TaskStatus(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The statuses a task of this type may move to from this one; empty when there is none. */
  public Set<TaskStatus> next(TaskType type) {
    Set<TaskStatus> next = switch (type) {
      case SHIP_FROM_STORE, SHIP_TO_STORE -> switch (this) {
        case OPEN -> EnumSet.of(PICKING);
        case PICKING -> EnumSet.of(PICKED);
        case PICKED -> EnumSet.of(PACKED);
        case PACKED -> EnumSet.of(SHIPPED);
        default -> null;
      };
      case PICKUP -> switch (this) {
        case AWAITING_TRANSFER -> EnumSet.of(RECEIVED);
        case RECEIVED -> EnumSet.of(OPEN);
        case OPEN -> EnumSet.of(PICKING);
        case PICKING -> EnumSet.of(PICKED);
        case PICKED -> EnumSet.of(STAGED);
        case STAGED -> EnumSet.of(READY);
        case READY -> EnumSet.of(HANDED_OVER, EXPIRED);
        default -> null;
      };
    };
    if (next == null) {
      return EnumSet.noneOf(TaskStatus.class);
    }
    next.add(CANCELLED);  // every non-final status of the flow
    return next;
  }

  public boolean canMoveTo(TaskType type, TaskStatus target) {
    return next(type).contains(target);
  }

  /** Final: nothing more happens to the task (shipped, handed over, cancelled or expired). */
  public boolean done() {
    return this == SHIPPED || this == HANDED_OVER || this == CANCELLED || this == EXPIRED;
  }

  @JsonCreator
  public static TaskStatus fromWire(String value) {
    for (TaskStatus s : values()) {
      if (s.wire.equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown task status '" + value + "'");
  }
}
