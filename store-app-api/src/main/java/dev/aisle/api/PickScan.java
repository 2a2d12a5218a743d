package dev.aisle.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/v1/tasks/{id}/pick}: units of the item with this barcode were picked; {@code quantity} is 1 when
 * left out.
 */
public record PickScan(String upc, long quantity) {

  public PickScan(String upc) {
    this(upc, 1);
  }

  @JsonCreator
  static PickScan fromJson(@JsonProperty("upc") String upc, @JsonProperty("quantity") Long quantity) {
    return new PickScan(upc, quantity == null ? 1 : quantity);
  }
}
