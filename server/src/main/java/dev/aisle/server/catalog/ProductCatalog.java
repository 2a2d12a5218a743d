package dev.aisle.server.catalog;

import dev.aisle.api.Product;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every product, in memory on every node, so the hot paths (availability, feeds, orders) check a SKU without a
 * database round trip. A change is written to PostgreSQL first, then published on {@value #CHANGED} to all nodes.
 */
public final class ProductCatalog {

  public static final String CHANGED = "aisle.catalog.product-changed";

  private final Map<String, Product> bySku = new ConcurrentHashMap<>();
  private final PgProductStore store;

  public ProductCatalog(PgProductStore store) {
    this.store = store;
  }

  /** Loads every product and starts following changes made on any node. */
  public Future<Void> start(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(CHANGED, msg -> put(msg.body().mapTo(Product.class)));
    return reload();
  }

  public Future<Void> reload() {
    return store.all().map(all -> {
      all.forEach(this::put);
      return null;
    });
  }

  public Product get(String sku) {
    return bySku.get(sku);
  }

  public boolean contains(String sku) {
    return bySku.containsKey(sku);
  }

  public int size() {
    return bySku.size();
  }

  /** Writes the product, then tells every node. True when it was created. */
  public Future<Boolean> save(Vertx vertx, Product product) {
    return store.upsert(product).onSuccess(created -> {
      put(product);
      vertx.eventBus().publish(CHANGED, JsonObject.mapFrom(product));
    });
  }

  private void put(Product p) {
    bySku.put(p.sku(), p);
  }
}
