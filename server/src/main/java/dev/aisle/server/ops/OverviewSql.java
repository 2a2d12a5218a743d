package dev.aisle.server.ops;

/**
 * The SQL of the ops overview. The order reads count, per minute, the orders created since $1 (an index range scan
 * of {@code orders_created}); the late tasks come from the partial index of open tasks.
 */
final class OverviewSql {

  private OverviewSql() {}

  static final String ORDERS = """
      SELECT date_trunc('minute', created_at) AS minute, count(*) FROM orders WHERE created_at >= $1 GROUP BY 1
      """;

  static final String LINES_BY_METHOD = """
      SELECT date_trunc('minute', o.created_at) AS minute, l.method, count(*), sum(l.quantity)
        FROM orders o JOIN order_lines l ON l.order_id = o.id
       WHERE o.created_at >= $1
       GROUP BY 1, 2
      """;

  /** The allocations made when the orders were captured (not those of a later re-sourcing), by location type. */
  static final String ALLOCATIONS_BY_LOCATION_TYPE = """
      SELECT date_trunc('minute', o.created_at) AS minute, loc.type, count(*), sum(a.quantity)
        FROM orders o JOIN allocations a ON a.order_id = o.id AND a.created_at = o.created_at
             JOIN locations loc ON loc.id = a.location_id
       WHERE o.created_at >= $1
       GROUP BY 1, 2
      """;

  /** The $2 most ordered SKUs (by units) of each minute. */
  static final String TOP_SKUS = """
      SELECT minute, sku, units FROM (
        SELECT date_trunc('minute', o.created_at) AS minute, l.sku, sum(l.quantity) AS units,
               row_number() OVER (PARTITION BY date_trunc('minute', o.created_at)
                                  ORDER BY sum(l.quantity) DESC, l.sku) AS rank
          FROM orders o JOIN order_lines l ON l.order_id = o.id
         WHERE o.created_at >= $1
         GROUP BY 1, 2) ranked
       WHERE rank <= $2
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
