package dev.aisle.server.sourcing;
public record SourcingRequest(dev.aisle.server.network.GeoPoint shipTo, java.util.List<LineRequest> lines) {}
