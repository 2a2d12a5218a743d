package dev.aisle.server.orders;

import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.api.Order;
import dev.aisle.api.Problem.FieldError;
import dev.aisle.api.Product;
import dev.aisle.api.Role;
import dev.aisle.server.catalog.ProductCatalog;
import dev.aisle.server.fulfillment.TaskPlanner;
import dev.aisle.server.network.GeoPoint;
import dev.aisle.server.network.LocationDirectory;
import dev.aisle.server.network.PostalCodes;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.Caller;
import dev.aisle.server.platform.Validation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns an order body into a {@link NewOrder}: malformed fields are a 400 naming each; a well-formed request that
 * names an unknown SKU or store, or a ship-to we cannot place, is a 422 naming the line or field.
 */
final class OrderRequests {

  static final int MAX_LINES = 100;
  static final long MAX_QUANTITY = 10_000;

  private final ProductCatalog catalog;
  private final LocationDirectory directory;
  private final PostalCodes postalCodes;

  OrderRequests(ProductCatalog catalog, LocationDirectory directory, PostalCodes postalCodes) {
    this.catalog = catalog;
    this.directory = directory;
    this.postalCodes = postalCodes;
  }

  NewOrder parse(Caller caller, String idempotencyKey, JsonObject body) {
    Validation v = new Validation();
    String channel = channel(caller, body, v);
    String externalId = v.string(body, "externalId", 100);
    Order.Customer customer = customer(body, v);
    JsonArray lines = body.getValue("lines") instanceof JsonArray a ? a : null;
    if (lines == null) {
      v.array(body, "lines");
    }
    String date = requestedDate(body, v);
    List<JsonObject> rawLines = new ArrayList<>();
    boolean anyShip = false;
    if (lines != null) {
      if (lines.isEmpty() || lines.size() > MAX_LINES) {
        v.fail("lines", "must hold 1 to " + MAX_LINES + " lines");
      }
      for (int i = 0; i < lines.size(); i++) {
        Object line = lines.getValue(i);
        if (!(line instanceof JsonObject o)) {
          v.fail("lines[" + i + "]", "must be an object");
          continue;
        }
        rawLines.add(o);
        anyShip |= !"pickup".equals(o.getValue("method"));
      }
    }
    Order.ShipTo shipTo = body.getValue("shipTo") == null && !anyShip ? null : shipTo(body, v);
    List<Object[]> parsed = new ArrayList<>();
    for (int i = 0; i < rawLines.size(); i++) {
      JsonObject o = rawLines.get(i);
      Validation lv = v.nested("lines[" + i + "]");
      String sku = lv.string(o, "sku", 64);
      long quantity = lv.integer(o, "quantity", 1, MAX_QUANTITY);
      String method = lv.optionalString(o, "method", 10, "ship");
      if (method != null && !method.equals("ship") && !method.equals("pickup")) {
        lv.fail("method", "must be ship or pickup");
      }
      String pickup = "pickup".equals(method) ? lv.string(o, "pickupLocationId", 64) : null;
      parsed.add(new Object[] {sku, quantity, method, pickup});
    }
    v.throwIfInvalid();

    // Well-formed: now check what the request refers to.
    List<FieldError> unknown = new ArrayList<>();
    List<NewOrder.NewLine> out = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      String sku = (String) parsed.get(i)[0];
      String pickup = (String) parsed.get(i)[3];
      Product product = catalog.get(sku);
      if (product == null) {
        unknown.add(new FieldError("lines[" + i + "].sku", "unknown sku " + sku));
      }
      if (pickup != null) {
        Location store = directory.get(pickup);
        if (store == null) {
          unknown.add(new FieldError("lines[" + i + "].pickupLocationId", "unknown location " + pickup));
        } else if (!store.can(Capability.PICKUP)) {
          unknown.add(new FieldError("lines[" + i + "].pickupLocationId", store.name() + " does not offer pickup"));
        }
      }
      if (product != null) {
        out.add(new NewOrder.NewLine(i + 1, sku, (Long) parsed.get(i)[1], (String) parsed.get(i)[2], pickup,
            product.priceCents(), product.weightGrams() / 1000.0, product.name(), product.upc()));
      }
    }
    if (shipTo != null && shipTo.lat() == null) {
      try {
        shipTo = place(shipTo);
      } catch (ApiProblem p) {
        unknown.addAll(p.errors());
      }
    }
    if (!unknown.isEmpty()) {
      throw ApiProblem.unprocessable(unknown.size() == 1 ? unknown.get(0).field() + ": " + unknown.get(0).message()
          : unknown.size() + " lines or fields refer to unknown things", unknown);
    }
    return new NewOrder(dev.aisle.server.platform.Uuids.v7(), channel, externalId, idempotencyKey, customer, shipTo, date, out, caller.actor(),
        Instant.now());
  }

  /** The ship-to with a point: its own lat/lon, else its postal code's; a 422 naming the postal code otherwise. */
  Order.ShipTo place(Order.ShipTo shipTo) {
    if (shipTo.lat() != null) {
      return shipTo;
    }
    GeoPoint point = postalCodes.find(shipTo.postalCode()).orElse(null);
    if (point == null) {
      String message = "unknown postal code " + shipTo.postalCode() + "; send shipTo.lat and shipTo.lon";
      throw ApiProblem.unprocessable("shipTo.postalCode: " + message,
          List.of(new FieldError("shipTo.postalCode", message)));
    }
    return new Order.ShipTo(shipTo.name(), shipTo.line1(), shipTo.city(), shipTo.region(), shipTo.postalCode(),
        shipTo.country(), point.lat(), point.lon());
  }

  Product product(String sku) {
    return catalog.get(sku);
  }

  /** What an associate picks for a line of this SKU: the catalog's name and barcode (the SKU alone when unknown). */
  TaskPlanner.Product taskProduct(String sku) {
    Product p = catalog.get(sku);
    return new TaskPlanner.Product(p == null ? sku : p.name(), p == null ? null : p.upc());
  }

  double unitWeightKg(String sku) {
    Product p = catalog.get(sku);
    return p == null ? 0 : p.weightGrams() / 1000.0;
  }

  /** A storefront key orders on its own channel; people (csr, admin) name the channel they order for. */
  private static String channel(Caller caller, JsonObject body, Validation v) {
    if (caller.role() == Role.STOREFRONT) {
      String named = body.getValue("channel") instanceof String s ? s : null;
      if (named != null && !named.equals(caller.channel())) {
        v.fail("channel", "a storefront key orders on its own channel (" + caller.channel() + ")");
      }
      return caller.channel();
    }
    return v.string(body, "channel", 32);
  }

  private static Order.Customer customer(JsonObject body, Validation v) {
    JsonObject c = v.object(body, "customer");
    if (!(body.getValue("customer") instanceof JsonObject)) {
      return null;
    }
    Validation cv = v.nested("customer");
    String id = cv.string(c, "id", 100);
    String name = cv.string(c, "name", 200);
    String email = cv.optionalString(c, "email", 200, null);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      cv.fail("email", "is not an email address");
    }
    String phone = cv.optionalString(c, "phone", 40, null);
    return new Order.Customer(id, name, email, phone);
  }

  static Order.ShipTo shipTo(JsonObject body, Validation v) {
    JsonObject s = v.object(body, "shipTo");
    if (!(body.getValue("shipTo") instanceof JsonObject)) {
      return null;
    }
    Validation sv = v.nested("shipTo");
    String name = sv.string(s, "name", 200);
    String line1 = sv.string(s, "line1", 200);
    String city = sv.string(s, "city", 100);
    String region = sv.string(s, "region", 50);
    String postalCode = sv.string(s, "postalCode", 20);
    String country = sv.optionalString(s, "country", 2, "US");
    Double lat = null;
    Double lon = null;
    if (s.getValue("lat") != null || s.getValue("lon") != null) {
      lat = sv.number(s, "lat", -90, 90);
      lon = sv.number(s, "lon", -180, 180);
    }
    return new Order.ShipTo(name, line1, city, region, postalCode, country, lat, lon);
  }

  private static String requestedDate(JsonObject body, Validation v) {
    Object value = body.getValue("requestedDeliveryDate");
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(String.valueOf(value)).toString();
    } catch (DateTimeParseException e) {
      v.fail("requestedDeliveryDate", "must be a date such as 2026-11-28");
      return null;
    }
  }
}
