package dev.aisle.server.fulfillment.shipping;

import java.util.List;
import java.util.Objects;

/** What a ship-from-store task asks a {@link Carrier} for: the parcels of one order, from a store to a customer. */
public record ShipmentRequest(String orderId, String taskId, Address from, Address to, List<Parcel> parcels) {

  public ShipmentRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    parcels = List.copyOf(parcels);
  }
}
