package dev.aisle.server.fulfillment.shipping;

/** One packed box: its weight and outer dimensions. */
public record Parcel(double weightKg, double lengthCm, double widthCm, double heightCm) {}
