package dev.aisle.server.orders;

import dev.aisle.api.Order;
import dev.aisle.server.network.GeoPoint;
import dev.aisle.server.sourcing.LineRequest;
import dev.aisle.server.sourcing.SourcingRequest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A validated order request, before sourcing: every SKU and pickup store exists, the ship-to has a point. */
record NewOrder(UUID id, String channel, String externalId, String idempotencyKey, Order.Customer customer,
                Order.ShipTo shipTo, String requestedDeliveryDate, List<NewLine> lines, String createdBy,
                Instant createdAt) {

  record NewLine(int lineNo, String sku, long quantity, String method, String pickupLocationId, long unitPriceCents,
                 double unitWeightKg, String name, String upc) {}

  GeoPoint shipToPoint() {
    return shipTo == null || shipTo.lat() == null ? null : new GeoPoint(shipTo.lat(), shipTo.lon());
  }

  SourcingRequest sourcingRequest() {
    return new SourcingRequest(shipToPoint(), lines.stream().map(l -> new LineRequest(l.lineNo(), l.sku(),
        l.quantity(), "pickup".equals(l.method()) ? dev.aisle.server.sourcing.Method.PICKUP
            : dev.aisle.server.sourcing.Method.SHIP, l.pickupLocationId(), l.unitWeightKg())).toList());
  }
}
