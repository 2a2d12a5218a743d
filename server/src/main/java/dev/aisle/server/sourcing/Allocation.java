package dev.aisle.server.sourcing;

/**
 * A planned quantity of one line at one location. {@code transferTo} is the pickup store for
 * {@link AllocationKind#TRANSFER}, else null. {@code distanceKm} is from the location to the ship-to address
 * (ship), to the pickup store (transfer), or 0 (pickup).
 */
public record Allocation(int lineNo, String sku, String locationId, long quantity, AllocationKind kind,
                         String transferTo, double distanceKm) {}
