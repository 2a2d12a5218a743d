package dev.aisle.api;

import java.time.Instant;
import java.util.List;

/**
 * An order as Aisle answers it: its lines, where each line is fulfilled (allocations) and, when read alone, its
 * event timeline (empty in lists and in the capture answer).
 */
public record Order(String id, String channel, String externalId, OrderStatus status, Customer customer,
                    ShipTo shipTo, String requestedDeliveryDate, int rulesVersion, List<Line> lines,
                    List<Event> events, Instant createdAt, Instant updatedAt) {

  /** The line numbered {@code lineNo}; fails when the order has none. */
  public Line line(int lineNo) {
    return lines.stream().filter(l -> l.lineNo() == lineNo).findFirst().orElseThrow();
  }

  public record Customer(String id, String name, String email, String phone) {}

  /** Where a shipped order goes; {@code lat}/{@code lon} are taken from the postal code when not given. */
  public record ShipTo(String name, String line1, String city, String region, String postalCode, String country,
                       Double lat, Double lon) {}

  /**
   * One order line. {@code allocated + backordered + cancelled} never exceeds {@code quantity}; the status is
   * {@code allocated}, {@code backordered}, {@code partly-allocated}, {@code fulfilled} or {@code cancelled}.
   */
  public record Line(int lineNo, String sku, long quantity, String method, String pickupLocationId,
                     long unitPriceCents, String status, long backordered, long cancelled,
                     List<Allocation> allocations) {}

  /** Stock held for a line at a location; {@code transfer} ships it to {@code transferTo} for a pickup. */
  public record Allocation(String locationId, long quantity, String kind, String transferTo, String status) {}

  public record Event(Instant at, String actor, String type, Object detail) {}
}
