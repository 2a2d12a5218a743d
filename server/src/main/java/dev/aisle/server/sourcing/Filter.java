package dev.aisle.server.sourcing;
public record Filter(String type, Double value, java.util.List<String> locations) {}
