package dev.aisle.server.fulfillment;

import dev.aisle.server.fulfillment.shipping.Address;
import dev.aisle.server.fulfillment.shipping.CarrierException;
import dev.aisle.server.fulfillment.shipping.Documents;
import dev.aisle.server.fulfillment.shipping.LocalCarrier;
import dev.aisle.server.fulfillment.shipping.PackingSlip;
import dev.aisle.server.fulfillment.shipping.Parcel;
import dev.aisle.server.fulfillment.shipping.Shipment;
import dev.aisle.server.fulfillment.shipping.ShipmentRequest;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.Validation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * Packing: the parcels of a picked task are booked with the carrier (the built-in local one; tracking serials from a
 * PostgreSQL sequence, so they are unique across nodes), and the label (4×6 in) and packing slip are PDFs made on
 * demand from the stored shipment. Carrier calls and PDF rendering run on worker threads.
 */
final class Shipping {

  private final Vertx vertx;
  private final Pool pool;
  private final Documents documents = new Documents();

  Shipping(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** The parcels of a pack request; 400 naming each bad field. */
  static List<Parcel> parcels(JsonObject body) {
    Validation v = new Validation();
    JsonArray packages = v.array(body, "packages");
    if (packages.isEmpty() || packages.size() > 20) {
      v.fail("packages", "must hold 1 to 20 packages");
    }
    List<Parcel> parcels = new ArrayList<>();
    for (int i = 0; i < packages.size(); i++) {
      if (!(packages.getValue(i) instanceof JsonObject p)) {
        v.fail("packages[" + i + "]", "must be an object");
        continue;
      }
      Validation pv = v.nested("packages[" + i + "]");
      parcels.add(new Parcel(pv.number(p, "weightKg", 0.001, 1000), pv.number(p, "lengthCm", 0.1, 1000),
          pv.number(p, "widthCm", 0.1, 1000), pv.number(p, "heightCm", 0.1, 1000)));
    }
    v.throwIfInvalid();
    return parcels;
  }

  /** Books the parcels; a carrier refusal is 422 with its reason. */
  Future<JsonObject> book(UUID task, List<Parcel> parcels) {
    return parties(task).compose(parties -> pool.preparedQuery(FeedSql.SERIALS).execute(Tuple.of(parcels.size()))
        .compose(rows -> {
          List<Long> serials = new ArrayList<>();
          rows.forEach(r -> serials.add(r.getLong(0)));
          Iterator<Long> next = serials.iterator();
          ShipmentRequest request = new ShipmentRequest(parties.orderId, task.toString(), parties.from, parties.to,
              parcels);
          return vertx.executeBlocking(() -> new LocalCarrier(next::next).ship(request), false);
        })
        .map(s -> new JsonObject().put("carrier", s.carrier()).put("service", s.service())
            .put("trackingNumber", s.trackingNumber()).put("parcelTrackingNumbers", s.parcelTrackingNumbers())
            .put("parcels", new JsonArray(parcels.stream().map(JsonObject::mapFrom).toList())))
        .recover(e -> Future.failedFuture(e instanceof CarrierException c
            ? ApiProblem.unprocessable(c.getMessage(), List.of(new dev.aisle.api.Problem.FieldError("packages",
                c.getMessage()))) : e)));
  }

  /** The label of one parcel (0-based) as a PDF. */
  Future<Buffer> label(UUID task, int parcel) {
    return shipment(task).compose(s -> parties(task).compose(parties -> vertx.executeBlocking(() -> {
      if (parcel < 0 || parcel >= s.shipment().parcelTrackingNumbers().size()) {
        throw ApiProblem.invalidField("parcel", "must be between 1 and " + s.shipment().parcelTrackingNumbers().size());
      }
      ShipmentRequest request = new ShipmentRequest(parties.orderId, task.toString(), parties.from, parties.to,
          s.parcels());
      return Buffer.buffer(documents.label(s.shipment(), request, parcel));
    }, false)));
  }

  /** The packing slip of a task as a PDF. */
  Future<Buffer> packingSlip(UUID task, List<PackingSlip.Item> items) {
    return parties(task).compose(parties -> vertx.executeBlocking(() -> Buffer.buffer(documents.packingSlip(
        new PackingSlip(parties.orderId, parties.externalId, parties.storeName, parties.to, items))), false));
  }

  private record Parties(String orderId, String externalId, String storeName, Address from, Address to) {}

  private record Stored(Shipment shipment, List<Parcel> parcels) {}

  private Future<Parties> parties(UUID task) {
    return pool.preparedQuery(FeedSql.SHIPPING_PARTIES).execute(Tuple.of(task)).map(rows -> {
      if (rows.size() == 0) {
        throw ApiProblem.notFound("no task " + task);
      }
      Row r = rows.iterator().next();
      Address from = address(r.getString("store_name"), json(r.getValue("store_address")));
      Address to = "ship-to-store".equals(r.getString("type"))
          ? address(r.getString("dest_name"), json(r.getValue("dest_address")))
          : address(null, json(r.getValue("ship_to")));
      return new Parties(r.getUUID("order_id").toString(), r.getString("external_id"), r.getString("store_name"),
          from, to);
    });
  }

  private Future<Stored> shipment(UUID task) {
    return pool.preparedQuery(FeedSql.SHIPMENT).execute(Tuple.of(task)).map(rows -> {
      if (rows.size() == 0) {
        throw ApiProblem.notFound("task " + task + " is not packed yet");
      }
      Row r = rows.iterator().next();
      JsonObject p = json(r.getValue("parcels"));
      List<String> numbers = p.getJsonArray("parcelTrackingNumbers").stream().map(String::valueOf).toList();
      List<Parcel> parcels = p.getJsonArray("parcels").stream().map(o -> ((JsonObject) o).mapTo(Parcel.class))
          .toList();
      return new Stored(new Shipment(r.getString("carrier"), r.getString("service"), r.getString("tracking_number"),
          numbers), parcels);
    });
  }

  private static Address address(String name, JsonObject a) {
    return new Address(name != null ? name : a.getString("name", ""), a.getString("line1", ""),
        a.getString("city", ""), a.getString("region", ""), a.getString("postalCode", ""),
        a.getString("country", "US"));
  }

  private static JsonObject json(Object value) {
    return value == null ? new JsonObject() : value instanceof JsonObject j ? j : new JsonObject(value.toString());
  }
}
