package dev.aisle.server.fulfillment.shipping;

import java.util.List;
import java.util.Objects;

/** What goes in the box with an order: who it is for and what is in it. {@code externalId} may be null. */
public record PackingSlip(String orderId, String externalId, String storeName, Address shipTo, List<Item> items) {

  public PackingSlip {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(shipTo, "shipTo");
    items = List.copyOf(items);
  }

  /** One line of the slip. */
  public record Item(String sku, String name, String upc, long quantity) {}
}
