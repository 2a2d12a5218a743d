package dev.aisle.server.inventory;

import dev.aisle.api.FeedResult.LineReject;
import dev.aisle.api.Role;
import dev.aisle.server.platform.Access;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.Caller;
import dev.aisle.server.platform.Ids;
import dev.aisle.server.platform.Responses;
import dev.aisle.server.platform.Validation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code /api/v1/inventory}: stock feeds (integrations, admins, store managers for their store) and reads. */
public final class InventoryRoutes {

  static final int MAX_ADJUSTMENTS = 10_000;
  private static final Role[] READERS = {Role.ADMIN, Role.CSR, Role.INTEGRATION, Role.STORE_MANAGER, Role.ASSOCIATE};

  private final InventoryService service;

  public InventoryRoutes(InventoryService service) {
    this.service = service;
  }

  public void mount(Router router) {
    router.post("/api/v1/inventory/snapshot").handler(Access.require(Role.ADMIN, Role.INTEGRATION))
        .handler(this::snapshot);
    router.post("/api/v1/inventory/adjustments").handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024))
        .handler(Access.require(Role.ADMIN, Role.INTEGRATION, Role.STORE_MANAGER)).handler(this::adjust);
    router.put("/api/v1/inventory/:locationId/:sku").handler(BodyHandler.create().setBodyLimit(16 * 1024))
        .handler(Access.require(Role.ADMIN, Role.INTEGRATION, Role.STORE_MANAGER)).handler(this::set);
    router.get("/api/v1/inventory/:locationId/:sku").handler(Access.require(Role.ADMIN, READERS))
        .handler(this::position);
    router.get("/api/v1/inventory/:sku").handler(Access.require(Role.ADMIN, READERS)).handler(this::view);
  }

  private void set(RoutingContext ctx) {
    Caller caller = Access.caller(ctx);
    String location = Ids.require("locationId", ctx.pathParam("locationId"));
    String sku = Ids.require("sku", ctx.pathParam("sku"));
    Access.checkLocation(caller, location);
    JsonObject body = Validation.body(ctx);
    Validation v = new Validation();
    long onHand = v.integer(body, "onHand", 0, 1_000_000_000L);
    Long safety = body.getValue("safetyStock") == null ? null : v.integer(body, "safetyStock", 0, 1_000_000_000L);
    Long seq = body.getValue("feedSeq") == null ? null : v.integer(body, "feedSeq", 0, Long.MAX_VALUE);
    String bin = Bins.parse(v, body);
    v.throwIfInvalid();
    service.set(caller, location, sku, onHand, safety, seq, bin)
        .onSuccess(p -> Responses.json(ctx, 200, p))
        .onFailure(ctx::fail);
  }

  private void position(RoutingContext ctx) {
    String location = ctx.pathParam("locationId");
    Access.checkLocation(Access.caller(ctx), location);
    service.position(location, ctx.pathParam("sku"))
        .onSuccess(p -> Responses.json(ctx, 200, p))
        .onFailure(ctx::fail);
  }

  private void view(RoutingContext ctx) {
    service.view(Access.caller(ctx), ctx.pathParam("sku"))
        .onSuccess(v -> Responses.json(ctx, 200, v))
        .onFailure(ctx::fail);
  }

  private void snapshot(RoutingContext ctx) {
    service.requireReady();
    new SnapshotIngest(service, ctx.request()).run()
        .onSuccess(r -> Responses.json(ctx, 200, r))
        .onFailure(ctx::fail);
  }

  /** Body: {@code {"adjustments": [{"sku", "locationId", "delta", "reason", "reference"?}, ...]}}. */
  private void adjust(RoutingContext ctx) {
    JsonObject body = Validation.body(ctx);
    Validation top = new Validation();
    JsonArray lines = top.array(body, "adjustments");
    if (lines.size() > MAX_ADJUSTMENTS) {
      top.fail("adjustments", "at most " + MAX_ADJUSTMENTS + " lines per request");
    }
    top.throwIfInvalid();
    List<Adjustment> valid = new ArrayList<>(lines.size());
    List<LineReject> rejects = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Adjustment a = parseAdjustment(i + 1, lines.getValue(i));
      if (a.reason() == null) {
        rejects.add(new LineReject(i + 1, a.reference()));
      } else {
        valid.add(a);
      }
    }
    service.adjust(Access.caller(ctx), lines.size(), valid, rejects)
        .onSuccess(r -> Responses.json(ctx, 200, r))
        .onFailure(ctx::fail);
  }

  /** A parsed line, or one with a null reason whose reference says what is wrong. */
  private static Adjustment parseAdjustment(int line, Object raw) {
    if (!(raw instanceof JsonObject o)) {
      return new Adjustment(line, null, null, 0, null, "not a JSON object");
    }
    Validation v = new Validation();
    String sku = v.string(o, "sku", 64);
    String location = v.string(o, "locationId", 64);
    long delta = v.integer(o, "delta", -1_000_000_000L, 1_000_000_000L);
    String reasonRaw = v.string(o, "reason", 20);
    String reference = o.getValue("reference") == null ? null : v.string(o, "reference", 200);
    Adjustment.Reason reason = reasonRaw == null ? null : Adjustment.Reason.fromWire(reasonRaw);
    if (reasonRaw != null && reason == null) {
      v.fail("reason", "must be one of sale, receipt, damage, count, return");
    } else if (reason != null && v.ok() && !reason.allows(delta)) {
      v.fail("delta", delta == 0 ? "must not be zero"
          : "a " + reason.wire() + " must be " + (delta > 0 ? "negative" : "positive"));
    }
    if (!v.ok()) {
      return new Adjustment(line, sku, location, delta, null,
          v.errors().stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
    }
    return new Adjustment(line, sku, location, delta, reason, reference);
  }
}
