package dev.aisle.server.inventory;

/**
 * One line of a snapshot feed: the absolute on-hand of a position as of the sender's {@code feedSeq}.
 * {@code safetyStock} and {@code bin} null keep the stored value ("" clears the bin). {@code line} is 1-based.
 */
public record SnapshotLine(int line, String sku, String locationId, long onHand, Long safetyStock, long feedSeq,
                           String bin) {}
