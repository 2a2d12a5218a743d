package dev.aisle.api;

/** A postal address; {@code region} is the US state code. */
public record Address(String line1, String city, String region, String postalCode, String country) {}
