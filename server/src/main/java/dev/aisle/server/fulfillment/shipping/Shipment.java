package dev.aisle.server.fulfillment.shipping;

import java.util.List;

/**
 * A shipment a carrier accepted: {@code trackingNumber} follows the whole shipment, {@code parcelTrackingNumbers}
 * holds one number per parcel of the request, in the request's order.
 */
public record Shipment(String carrier, String service, String trackingNumber, List<String> parcelTrackingNumbers) {

  public Shipment {
    parcelTrackingNumbers = List.copyOf(parcelTrackingNumbers);
  }
}
