package dev.aisle.api;

/** A sellable item. {@code upc} is the 12-digit UPC-A barcode associates scan. */
public record Product(String sku, String name, String upc, long priceCents, String currency, int weightGrams,
                      String category, boolean active) {}
