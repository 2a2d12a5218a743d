package dev.aisle.api;

/**
 * {@code POST /api/v1/tasks/{id}/handover}: the customer collected a ready pickup. The server checks
 * {@code pickupCode} against the one sent to the customer; the order number and name are what the associate checked.
 */
public record Handover(String pickupCode, String orderNumber, String customerName) {}
