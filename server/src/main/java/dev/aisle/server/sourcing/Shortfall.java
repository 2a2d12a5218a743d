package dev.aisle.server.sourcing;

/** Quantity of a line the plan could not place, and what happens to it: {@code "backorder"} or {@code "reject"}. */
public record Shortfall(int lineNo, String sku, long quantity, String outcome) {

  public static final String BACKORDER = "backorder";
  public static final String REJECT = "reject";
}
