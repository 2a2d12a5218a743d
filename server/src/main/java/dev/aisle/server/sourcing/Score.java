package dev.aisle.server.sourcing;
public record Score(String type, double weight) {}
