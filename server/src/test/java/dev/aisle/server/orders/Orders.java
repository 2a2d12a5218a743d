package dev.aisle.server.orders;

import dev.aisle.server.testing.TestNetwork;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Order bodies for tests, over {@link TestNetwork}. */
final class Orders {

  private Orders() {}

  static JsonObject line(String sku, long quantity) {
    return new JsonObject().put("sku", sku).put("quantity", quantity).put("method", "ship");
  }

  static JsonObject pickup(String sku, long quantity, String store) {
    return new JsonObject().put("sku", sku).put("quantity", quantity).put("method", "pickup")
        .put("pickupLocationId", store);
  }

  /** An order shipped to downtown Boston. */
  static JsonObject order(String externalId, JsonObject... lines) {
    return new JsonObject()
        .put("externalId", externalId)
        .put("customer", new JsonObject().put("id", "C-" + externalId).put("name", "Ada Lovelace")
            .put("email", "ada@example.com"))
        .put("shipTo", new JsonObject().put("name", "Ada Lovelace").put("line1", "1 Tremont St").put("city", "Boston")
            .put("region", "MA").put("postalCode", "02108").put("country", "US")
            .put("lat", TestNetwork.BOSTON_LAT).put("lon", TestNetwork.BOSTON_LON))
        .put("lines", new JsonArray(java.util.List.of((Object[]) lines)));
  }
}
