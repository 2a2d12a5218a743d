package dev.aisle.server.sourcing;
public interface Network {
  java.util.Collection<dev.aisle.api.Location> locations();
  dev.aisle.api.Location get(String id);
  long capacityLeftToday(String locationId);
}
