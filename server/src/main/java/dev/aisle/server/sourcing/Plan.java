package dev.aisle.server.sourcing;
public record Plan(boolean accepted, java.util.List<Allocation> allocations, java.util.List<Shortfall> shortfalls, Decision decision) {}
