package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The answer to "can I get these SKUs near here": pickup stores within the radius, nearest first, and what the
 * network can ship to the customer's home.
 */
public record Availability(Origin origin, double radiusKm, List<String> skus, List<StoreAvailability> stores,
                           List<ItemAvailability> shipToHome) {

  /** Where the customer is; {@code postalCode} when the point was geocoded from one. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Origin(double lat, double lon, String postalCode) {}

  /** A pickup store in range, with its distance and what it has of each SKU asked. */
  public record StoreAvailability(String locationId, String name, Address address, double lat, double lon,
                                  double distanceKm, Map<String, String> openingHours, String timezone,
                                  List<ItemAvailability> items) {}

  /**
   * Available-to-sell of one SKU. {@code available} is omitted when the server is configured to hide exact counts;
   * {@code band} is always there: in-stock, low-stock or out-of-stock.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ItemAvailability(String sku, Long available, String band) {}
}
