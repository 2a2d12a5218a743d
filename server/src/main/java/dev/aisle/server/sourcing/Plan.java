package dev.aisle.server.sourcing;

import java.util.List;

/**
 * The outcome of sourcing one order. {@code accepted} is false when the order must be turned away: the rule set's
 * shortage is {@link Shortage#REJECT} and some quantity cannot be placed, or it is {@link Shortage#SHIP_AVAILABLE}
 * and nothing at all can be placed; then {@code allocations} is empty and {@code shortfalls} says what was missing.
 * Otherwise {@code allocations} is what to reserve and {@code shortfalls} what is backordered or cancelled.
 * {@code decision} explains it all (store it; it is what the routing endpoint returns).
 */
public record Plan(boolean accepted, List<Allocation> allocations, List<Shortfall> shortfalls, Decision decision) {}
