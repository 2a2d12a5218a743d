package dev.aisle.server.sourcing;
public record LineRequest(int lineNo, String sku, long quantity, Method method, String pickupLocationId, double unitWeightKg) {}
