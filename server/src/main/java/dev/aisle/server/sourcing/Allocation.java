package dev.aisle.server.sourcing;
public record Allocation(int lineNo, String sku, String locationId, long quantity, AllocationKind kind, String transferTo, double distanceKm) {}
