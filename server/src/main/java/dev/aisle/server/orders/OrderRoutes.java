package dev.aisle.server.orders;

import dev.aisle.api.Role;
import dev.aisle.server.platform.Access;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.PageParams;
import dev.aisle.server.platform.Responses;
import dev.aisle.server.platform.Validation;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** Order capture and customer service over HTTP. */
public final class OrderRoutes {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final OrderService orders;
  private final OrderLifecycle lifecycle;

  public OrderRoutes(OrderService orders, OrderLifecycle lifecycle) {
    this.orders = orders;
    this.lifecycle = lifecycle;
  }

  public void mount(Router router) {
    router.post("/api/v1/orders").handler(BodyHandler.create().setBodyLimit(256 * 1024))
        .handler(Access.require(Role.STOREFRONT, Role.CSR, Role.ADMIN)).handler(this::create);
    router.get("/api/v1/orders").handler(Access.require(Role.STOREFRONT, Role.CSR, Role.ADMIN)).handler(this::list);
    router.get("/api/v1/orders/:id").handler(Access.require(Role.STOREFRONT, Role.CSR, Role.ADMIN))
        .handler(this::get);
    router.get("/api/v1/orders/:id/routing").handler(Access.require(Role.STOREFRONT, Role.CSR, Role.ADMIN))
        .handler(this::routing);
    router.get("/api/v1/orders/:id/notifications").handler(Access.require(Role.STOREFRONT, Role.CSR, Role.ADMIN))
        .handler(ctx -> lifecycle.notifications(Access.caller(ctx), ctx.pathParam("id"))
            .onSuccess(r -> Responses.json(ctx, 200, r)).onFailure(ctx::fail));
    router.post("/api/v1/orders/:id/cancel").handler(BodyHandler.create().setBodyLimit(16 * 1024))
        .handler(Access.require(Role.STOREFRONT, Role.CSR, Role.ADMIN)).handler(this::cancel);
    router.post("/api/v1/orders/:id/lines/:lineNo/cancel").handler(BodyHandler.create().setBodyLimit(16 * 1024))
        .handler(Access.require(Role.STOREFRONT, Role.CSR, Role.ADMIN)).handler(this::cancelLine);
    router.post("/api/v1/sourcing/simulate").handler(BodyHandler.create().setBodyLimit(256 * 1024))
        .handler(Access.require(Role.CSR, Role.ADMIN)).handler(this::simulate);
    router.put("/api/v1/orders/:id/ship-to").handler(BodyHandler.create().setBodyLimit(16 * 1024))
        .handler(Access.require(Role.CSR, Role.ADMIN)).handler(this::changeShipTo);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Validation.body(ctx);
    orders.capture(Access.caller(ctx), ctx.request().getHeader(IDEMPOTENCY_KEY), ctx.body().buffer(), body)
        .onSuccess(answer -> {
          if (answer.replayed()) {
            ctx.response().putHeader("idempotent-replayed", "true");
          }
          ctx.response().setStatusCode(answer.status()).putHeader("content-type", "application/json")
              .end(answer.body());
        })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    OrderLifecycle.Filter filter = new OrderLifecycle.Filter(ctx.queryParams().get("status"),
        ctx.queryParams().get("sku"), ctx.queryParams().get("customer"), ctx.queryParams().get("channel"),
        ctx.queryParams().get("location"), OrderLifecycle.parseInstant("from", ctx.queryParams().get("from")),
        OrderLifecycle.parseInstant("to", ctx.queryParams().get("to")));
    if (filter.status() != null) {
      try {
        dev.aisle.api.OrderStatus.fromWire(filter.status());
      } catch (IllegalArgumentException e) {
        throw ApiProblem.invalidField("status", "is not an order status");
      }
    }
    lifecycle.list(Access.caller(ctx), filter, ctx.queryParams().get("cursor"), PageParams.limit(ctx, 50, 200))
        .onSuccess(page -> Responses.json(ctx, 200, page)).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    orders.get(Access.caller(ctx), ctx.pathParam("id")).onSuccess(o -> Responses.json(ctx, 200, o))
        .onFailure(ctx::fail);
  }

  private void routing(RoutingContext ctx) {
    lifecycle.routing(Access.caller(ctx), ctx.pathParam("id")).onSuccess(r -> Responses.json(ctx, 200, r))
        .onFailure(ctx::fail);
  }

  private void cancel(RoutingContext ctx) {
    lifecycle.cancel(Access.caller(ctx), ctx.pathParam("id"), reason(ctx))
        .onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
  }

  private void cancelLine(RoutingContext ctx) {
    int lineNo;
    try {
      lineNo = Integer.parseInt(ctx.pathParam("lineNo"));
    } catch (NumberFormatException e) {
      throw ApiProblem.invalidField("lineNo", "must be a line number");
    }
    lifecycle.cancelLine(Access.caller(ctx), ctx.pathParam("id"), lineNo, reason(ctx))
        .onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
  }

  private void changeShipTo(RoutingContext ctx) {
    lifecycle.changeShipTo(Access.caller(ctx), ctx.pathParam("id"), Validation.body(ctx))
        .onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
  }

  /** Sourcing simulation lives here: it reads an order body exactly as capture does. */
  private void simulate(RoutingContext ctx) {
    orders.simulate(Access.caller(ctx), Validation.body(ctx)).onSuccess(r -> Responses.json(ctx, 200, r))
        .onFailure(ctx::fail);
  }

  /** An optional {@code {"reason": "..."}} body. */
  private static String reason(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() <= 0) {
      return null;
    }
    Validation v = new Validation();
    String reason = v.optionalString(Validation.body(ctx), "reason", 500, null);
    v.throwIfInvalid();
    return reason;
  }
}
