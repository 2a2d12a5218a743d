package dev.aisle.server.sourcing;

import dev.aisle.server.network.GeoPoint;

import java.util.List;

/**
 * An order to source: where shipped lines go ({@code shipTo}, null only when every line is a pickup) and its lines,
 * planned in the given order.
 */
public record SourcingRequest(GeoPoint shipTo, List<LineRequest> lines) {}
