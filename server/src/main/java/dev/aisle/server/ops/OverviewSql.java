package dev.aisle.server.ops;

/** The SQL of the ops overview: each read is bounded by the window ($1, the first minute) or by open tasks. */
final class OverviewSql {

  private OverviewSql() {}

  static final String ORDERS_PER_MINUTE = """
      SELECT date_trunc('minute', created_at) AS minute, count(*) FROM orders WHERE created_at >= $1
       GROUP BY 1
      """;

  static final String LINES_BY_METHOD = """
      SELECT l.method, count(*), sum(l.quantity)
        FROM orders o JOIN order_lines l ON l.order_id = o.id
       WHERE o.created_at >= $1
       GROUP BY l.method
      """;

  static final String ALLOCATIONS_BY_LOCATION_TYPE = """
      SELECT loc.type, count(*), sum(a.quantity)
        FROM orders o JOIN allocations a ON a.order_id = o.id JOIN locations loc ON loc.id = a.location_id
       WHERE o.created_at >= $1 AND a.status <> 'released'
       GROUP BY loc.type
      """;

  /** The most ordered SKUs of the window, at most $2. */
  static final String ORDERED_SKUS = """
      SELECT l.sku FROM orders o JOIN order_lines l ON l.order_id = o.id
       WHERE o.created_at >= $1
       GROUP BY l.sku ORDER BY sum(l.quantity) DESC, l.sku LIMIT $2
      """;

  /** Stores with late open tasks, worst first (at most $1), with the totals over all of them on every row. */
  static final String LATE_TASKS = """
      SELECT t.location_id, loc.name, count(*) AS late, min(t.due_at) AS oldest,
             sum(count(*)) OVER () AS total, count(*) OVER () AS stores
        FROM tasks t JOIN locations loc ON loc.id = t.location_id
       WHERE t.status NOT IN ('shipped', 'handed-over', 'cancelled', 'expired') AND t.due_at < now()
       GROUP BY t.location_id, loc.name
       ORDER BY late DESC, oldest, t.location_id
       LIMIT $1
      """;
}
