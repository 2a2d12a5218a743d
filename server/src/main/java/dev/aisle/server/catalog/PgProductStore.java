package dev.aisle.server.catalog;

import dev.aisle.api.Page;
import dev.aisle.api.Product;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Products in PostgreSQL. */
public final class PgProductStore {

  private final Pool pool;

  public PgProductStore(Pool pool) {
    this.pool = pool;
  }

  /** Creates or replaces a product; true when it was created. */
  public Future<Boolean> upsert(Product p) {
    return pool.preparedQuery(ProductSql.UPSERT)
        .execute(Tuple.of(p.sku(), p.name(), p.upc(), p.priceCents(), p.currency(), p.weightGrams(), p.category(),
            p.active()))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<Product> find(String sku) {
    return pool.preparedQuery(ProductSql.ONE).execute(Tuple.of(sku))
        .map(rows -> rows.size() == 0 ? null : ProductSql.product(rows.iterator().next()));
  }

  public Future<List<Product>> all() {
    return pool.query(ProductSql.ALL).execute().map(rows -> {
      List<Product> list = new ArrayList<>(rows.size());
      for (Row r : rows) {
        list.add(ProductSql.product(r));
      }
      return list;
    });
  }

  /** Products whose SKU or UPC equals {@code q}, or whose name contains it; SKU order, after {@code cursor}. */
  public Future<Page<Product>> search(String q, String cursor, int limit) {
    String like = q == null ? null
        : q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return pool.preparedQuery(ProductSql.SEARCH)
        .execute(Tuple.of(q, cursor == null ? "" : cursor, limit + 1, like))
        .map(rows -> {
          List<Product> items = new ArrayList<>(rows.size());
          for (Row r : rows) {
            items.add(ProductSql.product(r));
          }
          String next = null;
          if (items.size() > limit) {
            items.remove(limit);
            next = items.get(limit - 1).sku();
          }
          return new Page<>(items, next);
        });
  }
}
