package dev.aisle.server.fulfillment.shipping;

/** A postal address as a carrier and a label need it; {@code region} may be empty where a country has none. */
public record Address(String name, String line1, String city, String region, String postalCode, String country) {}
