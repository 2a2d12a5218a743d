package dev.aisle.server.sourcing;
public record Rates(double perShipment, double perKm, double perKg) {}
