package dev.aisle.server.sourcing;

import dev.aisle.api.Location;

import java.util.Collection;

/**
 * What the planner needs to know about the network, read many times per plan, so every call must be cheap and
 * non-blocking (in-memory snapshots). Implemented over the location directory and a capacity ledger.
 */
public interface Network {

  /** Every known location, active or not; check {@link Location#can} for what it can do. */
  Collection<Location> locations();

  /** The location with this id, or null when unknown. */
  Location get(String id);

  /** Orders the location can still take today; ≤ 0 when it is full. Asked at most once per location per plan. */
  long capacityLeftToday(Location location);
}
