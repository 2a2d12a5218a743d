package dev.aisle.server.fulfillment.shipping;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The built-in carrier, {@value #NAME} with one service, {@value #SERVICE}. Takes parcels of more than 0 and at most
 * {@value #MAX_WEIGHT_KG} kg, each dimension more than 0 and at most {@value #MAX_DIMENSION_CM} cm.
 *
 * <p>Tracking numbers are {@code AL}, a 12-digit serial and a Luhn (mod 10) check digit over the serial, e.g.
 * {@code AL0000000000018}; one per parcel, the shipment's being the first parcel's. They are unique as long as the
 * serial source never repeats a value: give the server a PostgreSQL sequence for that, so that numbers are unique
 * across nodes and restarts. Thread-safe if the serial source is.
 */
public final class LocalCarrier implements Carrier {

  public static final String NAME = "aisle-local";
  public static final String SERVICE = "ground";
  public static final double MAX_WEIGHT_KG = 30;
  public static final double MAX_DIMENSION_CM = 150;
  private static final long SERIALS = 1_000_000_000_000L;

  private final LongSupplier serials;

  /** A carrier whose serials come from {@code serials}: distinct values, taken modulo 10<sup>12</sup>. */
  public LocalCarrier(LongSupplier serials) {
    this.serials = serials;
  }

  /**
   * A carrier counting serials in this JVM from the clock's milliseconds, so a restart does not repeat earlier
   * numbers unless more than one label a millisecond was issued. Not unique across nodes: for tests and one node.
   */
  public LocalCarrier() {
    this(new AtomicLong(System.currentTimeMillis())::getAndIncrement);
  }

  @Override
  public Shipment ship(ShipmentRequest request) {
    refuseUnless(!request.parcels().isEmpty(), "the shipment has no parcels");
    refuseUnless(present(request.to().name()) && present(request.to().line1()) && present(request.to().city())
        && present(request.to().postalCode()) && present(request.to().country()),
        "the ship-to address needs a name, street, city, postal code and country");
    for (int i = 0; i < request.parcels().size(); i++) {
      check(i + 1, request.parcels().get(i));
    }
    List<String> numbers = new ArrayList<>(request.parcels().size());
    for (int i = 0; i < request.parcels().size(); i++) {
      numbers.add(trackingNumber(Math.floorMod(serials.getAsLong(), SERIALS)));
    }
    return new Shipment(NAME, SERVICE, numbers.get(0), numbers);
  }

  /** {@code AL}, the serial as 12 digits and its Luhn check digit. */
  static String trackingNumber(long serial) {
    String digits = String.format("%012d", serial);
    return "AL" + digits + luhnCheckDigit(digits);
  }

  /** The digit that, appended to {@code digits}, makes the Luhn sum a multiple of 10. */
  static int luhnCheckDigit(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, pos = 0; i >= 0; i--, pos++) {
      int d = digits.charAt(i) - '0';
      // the check digit will take position 0 from the right, so the payload's last digit is the first doubled
      if (pos % 2 == 0) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return (10 - sum % 10) % 10;
  }

  private static void check(int n, Parcel p) {
    // "unless x > 0" rather than "if x <= 0": refuses NaN too
    refuseUnless(p.weightKg() > 0, "parcel " + n + " has no weight; weigh it again");
    refuseUnless(p.weightKg() <= MAX_WEIGHT_KG,
        "parcel " + n + " weighs " + p.weightKg() + " kg; the limit is 30 kg, split it into two parcels");
    dimension(n, "length", p.lengthCm());
    dimension(n, "width", p.widthCm());
    dimension(n, "height", p.heightCm());
  }

  private static void dimension(int n, String name, double cm) {
    refuseUnless(cm > 0, "parcel " + n + " has no " + name + "; measure it again");
    refuseUnless(cm <= MAX_DIMENSION_CM,
        "parcel " + n + " is " + cm + " cm in " + name + "; the limit is 150 cm for each side");
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private static void refuseUnless(boolean ok, String reason) {
    if (!ok) {
      throw new CarrierException(NAME, reason);
    }
  }
}
