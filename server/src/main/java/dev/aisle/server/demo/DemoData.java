package dev.aisle.server.demo;

import dev.aisle.api.Location;
import dev.aisle.api.Product;
import dev.aisle.server.inventory.StockRow;

import java.util.List;

/** A whole demo network: catalog, stores and DCs, on-hand positions. Immutable lists. */
public record DemoData(List<Product> products, List<Location> locations, List<StockRow> stock) {

  public DemoData {
    products = List.copyOf(products);
    locations = List.copyOf(locations);
    stock = List.copyOf(stock);
  }
}
