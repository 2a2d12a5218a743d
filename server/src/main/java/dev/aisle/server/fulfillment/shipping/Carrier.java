package dev.aisle.server.fulfillment.shipping;

/**
 * Books shipments with one carrier. Calls are synchronous and may block (a real carrier is a remote API), so callers
 * run them on a worker thread, never on an event loop.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Thread-safe: one instance serves every task command concurrently.</li>
 *   <li>On success, returns a {@link Shipment} with one tracking number per parcel of the request, in order; the
 *       shipment's own tracking number is a number the carrier can trace the whole shipment by. Tracking numbers
 *       are unique for that carrier.</li>
 *   <li>When the carrier refuses the request (a parcel too heavy or too large, an address it does not serve, no
 *       parcels), throws {@link CarrierException} whose message says what is wrong in words an associate can act
 *       on, e.g. {@code "parcel 2 weighs 31.0 kg; the limit is 30 kg"}. Nothing was booked.</li>
 *   <li>Any other exception means the carrier could not be asked (unreachable, timed out): whether anything was
 *       booked is unknown, and the caller decides whether to retry.</li>
 * </ul>
 */
public interface Carrier {

  /** Books {@code request} and returns its tracking numbers; see the interface for the failure modes. */
  Shipment ship(ShipmentRequest request);
}
