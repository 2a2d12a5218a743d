package dev.aisle.server.fulfillment;

/** The SQL of store feeds and tasks. */
final class FeedSql {

  private FeedSql() {}

  static final String AFTER = """
      SELECT location_id, seq, at, type, task_id, order_id, payload
        FROM store_feed WHERE location_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
      """;

  /** One task with its lines, in the shape of the list below. */
  static final String TASK = """
      SELECT t.id, t.order_id, t.location_id, t.type, t.status, t.transfer_to, t.transfer_from, t.due_at,
             t.claimed_by, t.created_at, t.updated_at, t.due_at < now() AS late,
             COALESCE(json_agg(json_build_object('lineNo', l.line_no, 'sku', l.sku, 'name', p.name, 'upc', p.upc,
                      'quantity', l.quantity, 'picked', l.picked, 'bin', NULL) ORDER BY l.line_no)
                      FILTER (WHERE l.task_id IS NOT NULL), '[]') AS lines
        FROM tasks t
        LEFT JOIN task_lines l ON l.task_id = t.id
        LEFT JOIN products p ON p.sku = l.sku
       WHERE t.id = $1
       GROUP BY t.id
      """;

  static final String LOCK_TASK = "SELECT location_id, status, claimed_by, type FROM tasks WHERE id = $1 FOR UPDATE";

  static final String TASK_LINES = """
      SELECT l.line_no, l.sku, p.upc, l.quantity, l.picked
        FROM task_lines l JOIN products p ON p.sku = l.sku WHERE l.task_id = $1 ORDER BY l.line_no
      """;

  static final String UPDATE_TASK = """
      UPDATE tasks SET status = $2, claimed_by = $3, updated_at = now(), version = version + 1 WHERE id = $1
      """;

  static final String PICK_LINE = "UPDATE task_lines SET picked = picked + $3 WHERE task_id = $1 AND line_no = $2";

  static final String COMMAND_ANSWER = """
      SELECT answer FROM task_commands WHERE task_id = $1 AND idempotency_key = $2
      """;

  static final String INSERT_COMMAND = """
      INSERT INTO task_commands (task_id, idempotency_key, command, actor, answer) VALUES ($1, $2, $3, $4, $5::jsonb)
      """;

  static final String NEXT_SEQ = """
      INSERT INTO store_feed_seq AS s (location_id, last_seq) VALUES ($1, 1)
      ON CONFLICT (location_id) DO UPDATE SET last_seq = s.last_seq + 1
      RETURNING last_seq
      """;

  static final String INSERT_EVENT = """
      INSERT INTO store_feed (location_id, seq, at, type, task_id, order_id, payload)
      VALUES ($1, $2, now(), $3, $4, $5, $6::jsonb)
      RETURNING location_id, seq, at, type, task_id, order_id, payload
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
