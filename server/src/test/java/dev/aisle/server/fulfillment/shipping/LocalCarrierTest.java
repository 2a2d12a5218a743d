package dev.aisle.server.fulfillment.shipping;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCarrierTest {

  static final Address STORE = new Address("Aisle Store 12", "1 Market St", "Springfield", "IL", "62701", "US");
  static final Address CUSTOMER = new Address("Zoë Quinn", "742 Evergreen Terrace", "Shelbyville", "IL", "62565",
      "US");

  static ShipmentRequest request(Parcel... parcels) {
    return new ShipmentRequest("order-1", "task-1", STORE, CUSTOMER, List.of(parcels));
  }

  static Parcel box(double kg) {
    return new Parcel(kg, 40, 30, 20);
  }

  /** The Luhn test over all digits, check digit included, written independently of the carrier's. */
  static boolean luhnValid(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, pos = 0; i >= 0; i--, pos++) {
      int d = digits.charAt(i) - '0';
      sum += pos % 2 == 1 ? (d * 2) / 10 + (d * 2) % 10 : d;
    }
    return sum % 10 == 0;
  }

  @Test
  @DisplayName("10,000 shipments booked from two threads get unique, well-formed tracking numbers")
  void uniqueTrackingNumbers() {
    Carrier carrier = new LocalCarrier();
    Set<String> numbers = Collections.synchronizedSet(new HashSet<>());
    IntStream.range(0, 10_000).parallel().forEach(i -> {
      Shipment s = carrier.ship(request(box(1), box(2)));
      assertEquals("aisle-local", s.carrier());
      assertEquals("ground", s.service());
      assertEquals(2, s.parcelTrackingNumbers().size());
      assertEquals(s.parcelTrackingNumbers().get(0), s.trackingNumber());
      numbers.addAll(s.parcelTrackingNumbers());
    });
    assertEquals(20_000, numbers.size());
    for (String n : numbers) {
      assertTrue(n.matches("AL\\d{13}"), n);
      assertTrue(luhnValid(n.substring(2)), n);
    }
  }

  @Test
  @DisplayName("The check digit is the Luhn digit of the serial")
  void checkDigit() {
    assertEquals(3, LocalCarrier.luhnCheckDigit("7992739871"));
    assertEquals("AL0000000000018", LocalCarrier.trackingNumber(1));
    assertEquals("AL9999999999992", LocalCarrier.trackingNumber(999_999_999_999L));
    assertTrue(luhnValid("0000000000018") && !luhnValid("0000000000017"));
  }

  @Test
  @DisplayName("Parcels at exactly 30 kg and 150 cm are accepted")
  void limitsInclusive() {
    Shipment s = new LocalCarrier(() -> 42).ship(request(new Parcel(30, 150, 150, 150)));
    assertEquals(LocalCarrier.trackingNumber(42), s.trackingNumber());
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(request(box(1), box(30.5)), "parcel 2 weighs 30.5 kg; the limit is 30 kg"),
        Arguments.of(request(box(0)), "parcel 1 has no weight"),
        Arguments.of(request(box(Double.NaN)), "parcel 1 has no weight"),
        Arguments.of(request(new Parcel(5, 151, 30, 20)), "parcel 1 is 151.0 cm in length; the limit is 150 cm"),
        Arguments.of(request(new Parcel(5, 40, 30, 200)), "parcel 1 is 200.0 cm in height"),
        Arguments.of(request(new Parcel(5, 40, -1, 20)), "parcel 1 has no width"),
        Arguments.of(request(), "the shipment has no parcels"),
        Arguments.of(new ShipmentRequest("o", "t", STORE, new Address("A", "", "B", "", "1", "US"), List.of(box(1))),
            "the ship-to address needs"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource
  @DisplayName("What the carrier cannot take is refused with a reason naming the problem")
  void refused(ShipmentRequest request, String reason) {
    CarrierException e = assertThrows(CarrierException.class, () -> new LocalCarrier().ship(request));
    assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    assertEquals("aisle-local", e.carrier());
  }
}
