package dev.aisle.server.sourcing;
public record Decision(String rules, String summary) {}
