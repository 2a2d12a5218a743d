package dev.aisle.api;

/**
 * Stock of one SKU at one location. {@code availableToSell = onHand - reserved - safetyStock}, never below
 * zero. {@code version} increases with every change of on-hand; {@code feedSeq} is the last feed sequence applied.
 */
public record StockPosition(String sku, String locationId, long onHand, long safetyStock, long reserved,
                            long availableToSell, long feedSeq, long version) {}
