package dev.aisle.server.catalog;

import dev.aisle.api.Product;
import dev.aisle.api.Role;
import dev.aisle.server.platform.Access;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.AuditLog;
import dev.aisle.server.platform.Ids;
import dev.aisle.server.platform.PageParams;
import dev.aisle.server.platform.Responses;
import dev.aisle.server.platform.Validation;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** {@code /api/v1/products}: written by admins and integrations, read by anyone. */
public final class ProductRoutes {

  private final Vertx vertx;
  private final ProductCatalog catalog;
  private final PgProductStore store;
  private final AuditLog audit;

  public ProductRoutes(Vertx vertx, ProductCatalog catalog, PgProductStore store, AuditLog audit) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.store = store;
    this.audit = audit;
  }

  public void mount(Router router) {
    router.put("/api/v1/products/:sku").handler(BodyHandler.create().setBodyLimit(64 * 1024))
        .handler(Access.require(Role.ADMIN, Role.INTEGRATION)).handler(this::put);
    router.get("/api/v1/products/:sku").handler(this::get);
    router.get("/api/v1/products").handler(this::search);
  }

  private void put(RoutingContext ctx) {
    String sku = Ids.require("sku", ctx.pathParam("sku"));
    Product product = parse(sku, Validation.body(ctx));
    catalog.save(vertx, product)
        .compose(created -> audit.record(Access.caller(ctx), created ? "product.create" : "product.update", sku,
            JsonObject.mapFrom(product)).map(created))
        .onSuccess(created -> Responses.json(ctx, created ? 201 : 200, product))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Product p = catalog.get(ctx.pathParam("sku"));
    if (p == null) {
      ctx.fail(ApiProblem.notFound("no product with sku " + ctx.pathParam("sku")));
      return;
    }
    Responses.json(ctx, 200, p);
  }

  private void search(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    String cursor = ctx.queryParams().get("cursor");
    int limit = PageParams.limit(ctx, 50, 500);
    store.search(q == null || q.isBlank() ? null : q.trim(), cursor, limit)
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  static Product parse(String sku, JsonObject body) {
    Validation v = new Validation();
    String name = v.string(body, "name", 200);
    String upc = v.string(body, "upc", 14);
    if (upc != null && !Gtin.valid(upc)) {
      v.fail("upc", "must be a UPC-A/EAN/GTIN barcode (8, 12, 13 or 14 digits) with a valid check digit");
    }
    long price = v.integer(body, "priceCents", 0, 1_000_000_000L);
    String currency = v.optionalString(body, "currency", 3, "USD");
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      v.fail("currency", "must be an ISO 4217 code such as USD");
    }
    long weight = v.integer(body, "weightGrams", 0, 10_000_000L);
    String category = body.getValue("category") == null ? null : v.string(body, "category", 100);
    boolean active = v.optionalBoolean(body, "active", true);
    v.throwIfInvalid();
    return new Product(sku, name, upc, price, currency, (int) weight, category, active);
  }
}
