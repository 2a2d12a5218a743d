package dev.aisle.server.fulfillment.shipping;

/** A carrier refused a shipment; the message is the reason, written for the associate at the packing bench. */
public final class CarrierException extends RuntimeException {

  private final String carrier;

  public CarrierException(String carrier, String reason) {
    super(reason);
    this.carrier = carrier;
  }

  /** The carrier that refused. */
  public String carrier() {
    return carrier;
  }
}
