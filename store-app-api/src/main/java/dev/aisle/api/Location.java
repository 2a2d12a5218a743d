package dev.aisle.api;

import java.util.Map;
import java.util.Set;

/**
 * A store or distribution center. {@code openingHours} maps {@code mon..sun} to {@code "09:00-21:00"} or
 * {@code "closed"}, in the location's {@code timezone}. {@code capacityPerDay} is how many orders it can
 * fulfil a day; {@code priority} breaks ties in sourcing (higher first).
 */
public record Location(String id, LocationType type, String name, double lat, double lon, Address address,
                       Set<Capability> capabilities, Map<String, String> openingHours, String timezone,
                       int capacityPerDay, int priority, boolean active) {

  public boolean can(Capability capability) {
    return active && capabilities.contains(capability);
  }
}
