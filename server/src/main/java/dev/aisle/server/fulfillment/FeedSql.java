package dev.aisle.server.fulfillment;

/** The SQL of store feeds and tasks. */
final class FeedSql {

  private FeedSql() {}

  static final String AFTER = """
      SELECT location_id, seq, at, type, task_id, order_id, payload
        FROM store_feed WHERE location_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
      """;

  /**
   * Tasks with their lines as devices see them ({@code dev.aisle.api.Task}, plus the order number), each line with
   * the bin of its SKU at the task's store; a WHERE clause follows.
   */
  private static final String TASK_SELECT = """
      SELECT t.id, t.order_id, t.location_id, t.type, t.status, t.transfer_to, t.transfer_from, t.due_at,
             t.claimed_by, t.created_at, t.updated_at, t.due_at < now() AS late,
             (SELECT external_id FROM orders WHERE id = t.order_id) AS order_number,
             COALESCE(json_agg(json_build_object('lineNo', l.line_no, 'sku', l.sku, 'name', p.name, 'upc', p.upc,
                      'quantity', l.quantity, 'picked', l.picked, 'bin', s.bin) ORDER BY l.line_no)
                      FILTER (WHERE l.task_id IS NOT NULL), '[]') AS lines
        FROM tasks t
        LEFT JOIN task_lines l ON l.task_id = t.id
        LEFT JOIN products p ON p.sku = l.sku
        LEFT JOIN stock s ON s.sku = l.sku AND s.location_id = t.location_id
      """;

  /** One task with its lines. */
  static final String TASK = TASK_SELECT + " WHERE t.id = $1 GROUP BY t.id";

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
      INSERT INTO task_commands (task_id, idempotency_key, command, actor, answer) VALUES ($1, $2, $3, $4, $5::text::jsonb)
      """;

  static final String NEXT_SEQ = """
      INSERT INTO store_feed_seq AS s (location_id, last_seq) VALUES ($1, 1)
      ON CONFLICT (location_id) DO UPDATE SET last_seq = s.last_seq + 1
      RETURNING last_seq
      """;

  static final String INSERT_EVENT = """
      INSERT INTO store_feed (location_id, seq, at, type, task_id, order_id, payload)
      VALUES ($1, $2, now(), $3, $4, $5, $6::text::jsonb)
      RETURNING location_id, seq, at, type, task_id, order_id, payload
      """;

  static final String SET_PICKUP_CODE = "UPDATE tasks SET pickup_code_hash = $2 WHERE id = $1";

  static final String PICKUP_CHECK = """
      SELECT t.pickup_code_hash, o.external_id, o.customer->>'name' AS customer_name, o.customer, o.id AS order_id
        FROM tasks t JOIN orders o ON o.id = t.order_id WHERE t.id = $1
      """;

  static final String INSERT_NOTIFICATION = """
      INSERT INTO notifications (order_id, kind, recipient, payload) VALUES ($1, $2, $3::text::jsonb, $4::text::jsonb)
      """;

  /** Stock leaves the store: on-hand goes down by what the task's lines hold, with a movement each. */
  static final String STOCK_LEAVES = """
      WITH l AS (SELECT t.location_id, tl.sku, tl.quantity FROM task_lines tl JOIN tasks t ON t.id = tl.task_id
                  WHERE tl.task_id = $1),
      up AS (
        UPDATE stock s SET on_hand = GREATEST(s.on_hand - l.quantity, 0), version = s.version + 1, updated_at = now()
          FROM l WHERE s.sku = l.sku AND s.location_id = l.location_id
        RETURNING s.sku, s.location_id, s.on_hand, s.safety_stock, s.feed_seq, s.version, s.bin, l.quantity),
      mv AS (
        INSERT INTO stock_movements (sku, location_id, delta, reason, on_hand_after, reference, actor)
        SELECT sku, location_id, -quantity, 'sale', on_hand, $2, $3 FROM up)
      SELECT sku, location_id, on_hand, safety_stock, feed_seq, version, bin FROM up
      """;

  /** The task's open allocations at its store are fulfilled; answers what they held (to release in the pool). */
  static final String FULFIL_ALLOCATIONS = """
      UPDATE allocations a SET status = 'fulfilled', closed_at = now()
        FROM tasks t
       WHERE t.id = $1 AND a.order_id = t.order_id AND a.location_id = t.location_id AND a.status = 'open'
         AND (t.type = 'ship-from-store' AND a.kind = 'ship' OR t.type = 'pickup' AND a.kind = 'pickup'
              OR t.type = 'ship-to-store' AND a.kind = 'transfer' AND a.transfer_to = t.transfer_to)
      RETURNING a.sku, a.location_id, a.quantity
      """;

  /** The order's status once a task is done: shipped, partly shipped, picked up, or as it was. */
  static final String ROLL_UP = """
      UPDATE orders o SET status = CASE
               WHEN NOT EXISTS (SELECT 1 FROM allocations a WHERE a.order_id = o.id AND a.status = 'open')
                    AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.method = 'pickup'
                                AND l.status <> 'cancelled')
                    AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.method = 'ship'
                                    AND l.status <> 'cancelled') THEN 'picked-up'
               WHEN NOT EXISTS (SELECT 1 FROM allocations a WHERE a.order_id = o.id AND a.status = 'open')
                    THEN CASE WHEN $2 = 'pickup' THEN 'completed' ELSE 'shipped' END
               WHEN $2 = 'ship' THEN 'partly-shipped'
               ELSE o.status END,
             updated_at = now(), version = o.version + 1
       WHERE o.id = $1
      RETURNING o.status
      """;

  static final String ORDER_IN_FULFILMENT = """
      UPDATE orders SET status = 'in-fulfilment', updated_at = now(), version = version + 1
       WHERE id = $1 AND status IN ('allocated', 'backordered')
      """;

  static final String ORDER_READY = """
      UPDATE orders o SET status = 'ready-for-pickup', updated_at = now(), version = o.version + 1
       WHERE o.id = $1 AND o.status IN ('allocated', 'in-fulfilment')
         AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.method = 'ship'
                         AND l.status <> 'cancelled')
      """;

  static final String ORDER_EVENT = """
      INSERT INTO order_events (order_id, at, actor, type, detail) VALUES ($1, now(), $2, $3, $4::text::jsonb)
      """;

  /** Where a task's parcels go from and to: the store, and the customer (or, for a transfer, the pickup store). */
  static final String SHIPPING_PARTIES = """
      SELECT o.id AS order_id, o.external_id, o.ship_to, l.name AS store_name, l.address AS store_address,
             d.name AS dest_name, d.address AS dest_address, t.type
        FROM tasks t JOIN orders o ON o.id = t.order_id JOIN locations l ON l.id = t.location_id
        LEFT JOIN locations d ON d.id = t.transfer_to
       WHERE t.id = $1
      """;

  static final String SERIALS = "SELECT nextval('shipment_serials') FROM generate_series(1, $1)";

  static final String INSERT_SHIPMENT = """
      INSERT INTO shipments (task_id, carrier, service, tracking_number, parcels) VALUES ($1, $2, $3, $4, $5::text::jsonb)
      """;

  static final String SHIPMENT = "SELECT carrier, service, tracking_number, parcels FROM shipments WHERE task_id = $1";

  /** Takes a cancelled order line off the order's unfinished tasks; answers the tasks it was on. */
  static final String DROP_LINE_FROM_TASKS = """
      DELETE FROM task_lines tl USING tasks t
       WHERE tl.task_id = t.id AND t.order_id = $1 AND tl.line_no = $2
         AND t.status NOT IN ('shipped', 'handed-over', 'cancelled', 'expired')
      RETURNING t.id, t.location_id
      """;

  static final String CANCEL_TASK_IF_EMPTY = """
      UPDATE tasks t SET status = 'cancelled', claimed_by = NULL, updated_at = now(), version = version + 1
       WHERE t.id = $1 AND NOT EXISTS (SELECT 1 FROM task_lines l WHERE l.task_id = t.id)
      RETURNING t.id
      """;

  static final String CANCEL_SHIP_TASKS = """
      UPDATE tasks SET status = 'cancelled', claimed_by = NULL, updated_at = now(), version = version + 1
       WHERE order_id = $1 AND type = 'ship-from-store'
         AND status NOT IN ('shipped', 'handed-over', 'cancelled', 'expired')
      RETURNING id, location_id
      """;

  static final String CANCEL_TASKS = """
      UPDATE tasks SET status = 'cancelled', claimed_by = NULL, updated_at = now(), version = version + 1
       WHERE order_id = $1 AND status NOT IN ('shipped', 'handed-over', 'cancelled', 'expired')
      RETURNING id, location_id
      """;

  static final String INSERT_TASK = """
      INSERT INTO tasks (id, order_id, location_id, type, status, transfer_to, transfer_from, due_at, created_at,
                         updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now())
      """;

  static final String INSERT_TASK_LINE = "INSERT INTO task_lines (task_id, line_no, sku, quantity) VALUES ($1, $2, $3, $4)";

  static final String SHORT_LINE = """
      SELECT l.line_no, l.sku, l.quantity, l.picked, t.location_id, t.order_id
        FROM task_lines l JOIN tasks t ON t.id = l.task_id WHERE l.task_id = $1 AND l.line_no = $2
      """;

  /** The missing units are not there: on-hand goes down (a count), with a movement. */
  static final String STOCK_MISSING = """
      WITH up AS (
        UPDATE stock SET on_hand = GREATEST(on_hand - $3, 0), version = version + 1, updated_at = now()
         WHERE sku = $1 AND location_id = $2
        RETURNING sku, location_id, on_hand, safety_stock, feed_seq, version, bin),
      mv AS (
        INSERT INTO stock_movements (sku, location_id, delta, reason, on_hand_after, reference, actor)
        SELECT sku, location_id, -$3, 'count', on_hand, $4, $5 FROM up)
      SELECT sku, location_id, on_hand, safety_stock, feed_seq, version, bin FROM up
      """;

  static final String SHRINK_TASK_LINE = """
      UPDATE task_lines SET quantity = quantity - $3 WHERE task_id = $1 AND line_no = $2 AND quantity > $3
      """;

  static final String DROP_TASK_LINE = "DELETE FROM task_lines WHERE task_id = $1 AND line_no = $2 AND quantity <= $3";

  /** Takes the missing units off the line's open allocation at the store (released when nothing is left). */
  static final String SHRINK_ALLOCATION = """
      UPDATE allocations SET quantity = CASE WHEN quantity > $4 THEN quantity - $4 ELSE quantity END,
                             status = CASE WHEN quantity > $4 THEN 'open' ELSE 'released' END,
                             closed_at = CASE WHEN quantity > $4 THEN NULL ELSE now() END
       WHERE order_id = $1 AND line_no = $2 AND location_id = $3 AND status = 'open'
      """;

  static final String OPEN_QUANTITIES = """
      SELECT COALESCE(sum(quantity - picked), 0), count(*) FROM task_lines WHERE task_id = $1
      """;

  /**
   * What reached the pickup store by transfer for this pickup task: the transfer allocations already shipped
   * (fulfilled), per line; none while one is still open (not shipped yet).
   */
  static final String TRANSFERRED = """
      SELECT a.line_no, a.sku, sum(a.quantity) AS quantity, bool_or(a.status = 'open') AS pending
        FROM allocations a JOIN tasks t ON t.order_id = a.order_id AND a.transfer_to = t.location_id
       WHERE t.id = $1 AND a.kind = 'transfer' AND a.status IN ('open', 'fulfilled')
       GROUP BY a.line_no, a.sku
      """;

  /** Received units: on-hand at the pickup store goes up (a receipt). */
  static final String STOCK_ARRIVES = """
      WITH up AS (
        INSERT INTO stock AS s (sku, location_id, on_hand, version) VALUES ($1, $2, $3, 1)
        ON CONFLICT (sku, location_id) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand, version = s.version + 1,
                                                   updated_at = now()
        RETURNING sku, location_id, on_hand, safety_stock, feed_seq, version, bin),
      mv AS (
        INSERT INTO stock_movements (sku, location_id, delta, reason, on_hand_after, reference, actor)
        SELECT sku, location_id, $3, 'receipt', on_hand, $4, $5 FROM up)
      SELECT sku, location_id, on_hand, safety_stock, feed_seq, version, bin FROM up
      """;

  /** The received units are held for the order at the pickup store. */
  static final String HOLD_RECEIVED = """
      INSERT INTO allocations (order_id, line_no, sku, location_id, quantity, kind, status, created_at)
      SELECT order_id, $2, $3, location_id, $4, 'pickup', 'open', now() FROM tasks WHERE id = $1
      """;

  /** Tasks past due, not yet announced late; rows another node is handling are skipped. */
  static final String NEWLY_LATE = """
      SELECT id, location_id FROM tasks
       WHERE due_at < now() AND NOT late_notified
         AND status NOT IN ('shipped', 'handed-over', 'cancelled', 'expired')
       ORDER BY due_at LIMIT 200
         FOR UPDATE SKIP LOCKED
      """;

  static final String MARK_LATE = "UPDATE tasks SET late_notified = true WHERE id = $1";

  /** Pickups ready for longer than the limit ($1 hours) that nobody collected. */
  static final String UNCOLLECTED = """
      SELECT id, location_id, order_id FROM tasks
       WHERE type = 'pickup' AND status = 'ready' AND updated_at < now() - make_interval(hours => $1)
       ORDER BY updated_at LIMIT 100
         FOR UPDATE SKIP LOCKED
      """;

  static final String EXPIRE_TASK = """
      UPDATE tasks SET status = 'expired', claimed_by = NULL, updated_at = now(), version = version + 1 WHERE id = $1
      """;

  /** The expired pickup's stock goes back: its open pickup allocations are released. */
  static final String RELEASE_PICKUP = """
      UPDATE allocations a SET status = 'released', closed_at = now()
        FROM tasks t
       WHERE t.id = $1 AND a.order_id = t.order_id AND a.location_id = t.location_id AND a.kind = 'pickup'
         AND a.status = 'open'
      RETURNING a.sku, a.location_id, a.quantity, a.line_no
      """;

  static final String CANCEL_LINE_REST = """
      UPDATE order_lines SET cancelled = quantity - backordered, status = 'cancelled'
       WHERE order_id = $1 AND line_no = $2
      """;

  static final String CANCEL_ORDER_IF_EMPTY = """
      UPDATE orders o SET status = 'cancelled', updated_at = now(), version = o.version + 1
       WHERE o.id = $1 AND o.status NOT IN ('cancelled', 'shipped', 'picked-up', 'completed')
         AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.order_id = o.id AND a.status IN ('open', 'fulfilled'))
      """;

  /** The store's tasks still to do (or all of them when $2 is true), by due time, with their lines. */
  static final String TASKS = TASK_SELECT + """
       WHERE t.location_id = $1
         AND ($2 OR t.status NOT IN ('shipped', 'handed-over', 'cancelled', 'expired'))
         AND ($3::timestamptz IS NULL OR (t.due_at, t.id) > ($3, $4::uuid))
       GROUP BY t.id
       ORDER BY t.due_at, t.id
       LIMIT $5
      """;
}
