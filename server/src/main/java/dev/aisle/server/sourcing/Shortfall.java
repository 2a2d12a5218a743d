package dev.aisle.server.sourcing;
public record Shortfall(int lineNo, String sku, long quantity, String outcome) {}
