package dev.aisle.server.fulfillment;

/** The SQL of store feeds and tasks. */
final class FeedSql {

  private FeedSql() {}

  static final String AFTER = """
      SELECT location_id, seq, at, type, task_id, order_id, payload
        FROM store_feed WHERE location_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
      """;

  /** The store's tasks still to do (or all of them when $2 is true), by due time, with their lines. */
  static final String TASKS = """
      SELECT t.id, t.order_id, t.location_id, t.type, t.status, t.transfer_to, t.transfer_from, t.due_at,
             t.claimed_by, t.created_at, t.updated_at, t.due_at < now() AS late,
             COALESCE(json_agg(json_build_object('lineNo', l.line_no, 'sku', l.sku, 'name', p.name, 'upc', p.upc,
                      'quantity', l.quantity, 'picked', l.picked, 'bin', NULL) ORDER BY l.line_no)
                      FILTER (WHERE l.task_id IS NOT NULL), '[]') AS lines
        FROM tasks t
        LEFT JOIN task_lines l ON l.task_id = t.id
        LEFT JOIN products p ON p.sku = l.sku
       WHERE t.location_id = $1
         AND ($2 OR t.status NOT IN ('shipped', 'handed-over', 'cancelled', 'expired'))
         AND ($3::timestamptz IS NULL OR (t.due_at, t.id) > ($3, $4::uuid))
       GROUP BY t.id
       ORDER BY t.due_at, t.id
       LIMIT $5
      """;
}
