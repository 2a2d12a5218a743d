package dev.aisle.server.sourcing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One filter of a rule set; a candidate location failing any filter is not used for the line. {@code value} is set
 * only for {@value #MAX_DISTANCE_KM} (km), {@code locations} only for {@value #EXCLUDE_LOCATIONS} (location ids).
 *
 * <ul>
 *   <li>{@value #CAPABILITY}: the location is active and can ship (pickup lines: the store can do pickup). Always
 *       applied, listed or not.</li>
 *   <li>{@value #MIN_ATS}: available-to-sell covers what the line still needs; when no location covers it and the
 *       line may be split, at least 1. Without it a location needs only some stock.</li>
 *   <li>{@value #MAX_DISTANCE_KM}: at most {@code value} km from the ship-to address (transfers: from the pickup
 *       store).</li>
 *   <li>{@value #STORE_CAPACITY}: the location can still take an order today.</li>
 *   <li>{@value #EXCLUDE_LOCATIONS}: never one of {@code locations}.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Filter(String type, Double value, List<String> locations) {

  public static final String CAPABILITY = "capability";
  public static final String MIN_ATS = "minAts";
  public static final String MAX_DISTANCE_KM = "maxDistanceKm";
  public static final String STORE_CAPACITY = "storeCapacity";
  public static final String EXCLUDE_LOCATIONS = "excludeLocations";

  /** Every filter type, in the order the explanation reports them. */
  public static final List<String> TYPES = List.of(CAPABILITY, MIN_ATS, MAX_DISTANCE_KM, STORE_CAPACITY,
      EXCLUDE_LOCATIONS);

  public Filter {
    locations = locations == null ? null : List.copyOf(locations);
  }

  public static Filter of(String type) {
    return new Filter(type, null, null);
  }

  public static Filter maxDistanceKm(double km) {
    return new Filter(MAX_DISTANCE_KM, km, null);
  }

  public static Filter excludeLocations(List<String> ids) {
    return new Filter(EXCLUDE_LOCATIONS, null, ids);
  }
}
