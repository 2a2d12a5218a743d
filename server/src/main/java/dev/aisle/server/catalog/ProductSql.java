package dev.aisle.server.catalog;

import dev.aisle.api.Product;
import io.vertx.sqlclient.Row;

/** The SQL of the product catalog. */
final class ProductSql {

  private ProductSql() {}

  static final String COLUMNS = "sku, name, upc, price_cents, currency, weight_grams, category, active";

  static final String UPSERT = """
      INSERT INTO products AS p (sku, name, upc, price_cents, currency, weight_grams, category, active)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (sku) DO UPDATE
         SET name = EXCLUDED.name, upc = EXCLUDED.upc, price_cents = EXCLUDED.price_cents,
             currency = EXCLUDED.currency, weight_grams = EXCLUDED.weight_grams, category = EXCLUDED.category,
             active = EXCLUDED.active, updated_at = now()
      RETURNING (xmax = 0) AS created
      """;

  static final String ALL = "SELECT " + COLUMNS + " FROM products";

  static final String ONE = "SELECT " + COLUMNS + " FROM products WHERE sku = $1";

  /** $1 search text or null, $2 cursor (last SKU seen) or '', $3 page size. */
  static final String SEARCH = "SELECT " + COLUMNS + """
       FROM products
      WHERE ($1::text IS NULL OR sku = $1 OR upc = $1 OR lower(name) LIKE '%' || $4 || '%' ESCAPE '\\')
        AND sku > $2
      ORDER BY sku
      LIMIT $3
      """;

  static Product product(Row r) {
    return new Product(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getString(4),
        r.getInteger(5), r.getString(6), r.getBoolean(7));
  }
}
