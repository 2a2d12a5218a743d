package dev.aisle.server.inventory;

/**
 * One position as stored in PostgreSQL: the durable part of the pool entry (reserved lives with allocations), with
 * its bin (null when none is set).
 */
public record StockRow(String sku, String locationId, long onHand, long safetyStock, long feedSeq, long version,
                       String bin) {}
