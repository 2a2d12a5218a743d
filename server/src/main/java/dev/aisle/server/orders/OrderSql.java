package dev.aisle.server.orders;

import dev.aisle.server.sourcing.Allocation;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;

/** The SQL of orders, their lines, allocations, events and routing decisions. */
final class OrderSql {

  private OrderSql() {}

  /**
   * Writes a batch of captured orders in one statement. An order whose external id or idempotency key already
   * exists on its channel is skipped with everything that belongs to it; the ids returned are the orders written,
   * then each feed event written (its task's payload, with the bins, comes from the node: it is not read back).
   */
  static final String INSERT_BATCH = """
      WITH f AS (
        INSERT INTO order_fates (order_id, abandoned)
        SELECT id, false FROM unnest($1::uuid[]) AS id
        ON CONFLICT DO NOTHING
        RETURNING order_id),
      o AS (
        INSERT INTO orders (id, channel, external_id, idempotency_key, customer_id, customer, ship_to, ship_lat,
                            ship_lon, status, requested_delivery, rules_version, created_by, created_at, updated_at)
        SELECT t.id, t.channel, t.external_id, t.ikey, t.customer_id, t.customer::jsonb, t.ship_to::jsonb, t.lat,
               t.lon, t.status, t.rdd::date, t.rv, t.by, t.at, t.at
          FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                      $8::float8[], $9::float8[], $10::text[], $11::text[], $12::int[], $13::text[],
                      $14::timestamptz[])
               AS t(id, channel, external_id, ikey, customer_id, customer, ship_to, lat, lon, status, rdd, rv, by, at)
         WHERE t.id IN (SELECT order_id FROM f)
        ON CONFLICT DO NOTHING
        RETURNING id, created_at),
      l AS (
        INSERT INTO order_lines (order_id, line_no, sku, quantity, method, pickup_location_id, unit_price_cents,
                                 backordered, cancelled, status)
        SELECT t.* FROM unnest($15::uuid[], $16::int[], $17::text[], $18::bigint[], $19::text[], $20::text[],
                               $21::bigint[], $22::bigint[], $23::bigint[], $24::text[])
               AS t(order_id, line_no, sku, quantity, method, pickup, price, backordered, cancelled, status)
         WHERE t.order_id IN (SELECT id FROM o)),
      a AS (
        INSERT INTO allocations (order_id, line_no, sku, location_id, quantity, kind, transfer_to, status, created_at)
        SELECT t.order_id, t.line_no, t.sku, t.location_id, t.quantity, t.kind, t.transfer_to, 'open', o.created_at
          FROM unnest($25::uuid[], $26::int[], $27::text[], $28::text[], $29::bigint[], $30::text[], $31::text[])
               AS t(order_id, line_no, sku, location_id, quantity, kind, transfer_to)
          JOIN o ON o.id = t.order_id),
      e AS (
        INSERT INTO order_events (order_id, at, actor, type, detail)
        SELECT t.order_id, o.created_at, t.actor, t.type, t.detail::jsonb
          FROM unnest($32::uuid[], $33::text[], $34::text[], $35::text[]) AS t(order_id, actor, type, detail)
          JOIN o ON o.id = t.order_id),
      r AS (
        INSERT INTO order_routing (order_id, seq, at, rules_version, reason, decision)
        SELECT t.order_id, 1, o.created_at, t.rv, 'capture', t.decision
          FROM unnest($36::uuid[], $37::int[], $38::bytea[]) AS t(order_id, rv, decision)
          JOIN o ON o.id = t.order_id),
      tk AS (
        INSERT INTO tasks (id, order_id, location_id, type, status, transfer_to, transfer_from, due_at, created_at,
                           updated_at)
        SELECT t.id, t.order_id, t.location_id, t.type, t.status, t.transfer_to, t.transfer_from, t.due_at,
               o.created_at, o.created_at
          FROM unnest($39::uuid[], $40::uuid[], $41::text[], $42::text[], $43::text[], $44::text[], $45::text[],
                      $46::timestamptz[])
               AS t(id, order_id, location_id, type, status, transfer_to, transfer_from, due_at)
          JOIN o ON o.id = t.order_id
        RETURNING id, order_id, location_id),
      tl AS (
        INSERT INTO task_lines (task_id, line_no, sku, quantity)
        SELECT t.* FROM unnest($47::uuid[], $48::int[], $49::text[], $50::bigint[]) AS t(task_id, line_no, sku, quantity)
         WHERE t.task_id IN (SELECT id FROM tk)),
      fn AS (
        SELECT tk.location_id, tk.id AS task_id, tk.order_id, p.payload,
               row_number() OVER (PARTITION BY tk.location_id ORDER BY tk.id) AS n,
               count(*) OVER (PARTITION BY tk.location_id) AS cnt
          FROM tk JOIN unnest($51::uuid[], $52::text[]) AS p(task_id, payload) ON p.task_id = tk.id),
      -- Seqs per store without gaps: rows are locked in location order, so concurrent batches never deadlock.
      seq AS (
        INSERT INTO store_feed_seq AS s (location_id, last_seq)
        SELECT location_id, count(*) FROM fn GROUP BY location_id ORDER BY location_id
        ON CONFLICT (location_id) DO UPDATE SET last_seq = s.last_seq + EXCLUDED.last_seq
        RETURNING location_id, last_seq),
      fe AS (
        INSERT INTO store_feed (location_id, seq, at, type, task_id, order_id, payload)
        SELECT fn.location_id, seq.last_seq - fn.cnt + fn.n, now(), 'task-created', fn.task_id, fn.order_id,
               fn.payload::jsonb
          FROM fn JOIN seq ON seq.location_id = fn.location_id
        RETURNING location_id, seq, at, task_id, order_id)
      SELECT 'order' AS kind, id AS order_id, NULL::text AS location_id, NULL::bigint AS seq, NULL::timestamptz AS at,
             NULL::uuid AS task_id
        FROM o
      UNION ALL
      SELECT 'feed', order_id, location_id, seq, at, task_id FROM fe
      UNION ALL
      SELECT 'abandoned', id, NULL, NULL, NULL, NULL FROM unnest($1::uuid[]) AS id
       WHERE id NOT IN (SELECT order_id FROM f)
      """;

  /** The sweeper gives orders up: from now on none of them can be written (see V10__order_fates.sql). */
  static final String ABANDON = """
      INSERT INTO order_fates (order_id, abandoned) SELECT id, true FROM unnest($1::uuid[]) AS id
      ON CONFLICT DO NOTHING
      """;

  /**
   * Forgets up to $2 fates of orders made before the version-7 id $1 (order ids are version 7: they sort by creation).
   * Other ids are left alone, since their time is not in them.
   */
  static final String PRUNE_FATES = """
      DELETE FROM order_fates WHERE order_id IN (
        SELECT order_id FROM order_fates WHERE order_id < $1 AND substr(order_id::text, 15, 1) = '7' LIMIT $2)
      """;

  static final String ORDER_BY_EXTERNAL_ID = "SELECT id FROM orders WHERE channel = $1 AND external_id = $2";

  static final String ORDER_BY_IDEMPOTENCY_KEY = "SELECT id FROM orders WHERE channel = $1 AND idempotency_key = $2";

  static final String ORDERS_EXIST = "SELECT id FROM orders WHERE id = ANY($1::uuid[])";

  static final String ORDER = """
      SELECT id, channel, external_id, status, customer, ship_to, requested_delivery, rules_version, created_at,
             updated_at, version
        FROM orders WHERE id = $1
      """;

  static final String ORDER_FOR_UPDATE = ORDER.strip() + " FOR UPDATE";

  static final String LINES = """
      SELECT order_id, line_no, sku, quantity, method, pickup_location_id, unit_price_cents, status, backordered,
             cancelled
        FROM order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, line_no
      """;

  static final String ALLOCATIONS = """
      SELECT order_id, line_no, sku, location_id, quantity, kind, transfer_to, status, id
        FROM allocations WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, id
      """;

  static final String EVENTS = "SELECT at, actor, type, detail FROM order_events WHERE order_id = $1 ORDER BY id";

  static final String ROUTING = """
      SELECT seq, at, rules_version, reason, decision FROM order_routing WHERE order_id = $1 ORDER BY seq
      """;

  static final String NOTIFICATIONS = """
      SELECT id, kind, recipient, payload, created_at, sent_at FROM notifications WHERE order_id = $1 ORDER BY id
      """;

  static final String INSERT_EVENT = """
      INSERT INTO order_events (order_id, at, actor, type, detail) VALUES ($1, now(), $2, $3, $4::text::jsonb)
      """;

  static final String SET_STATUS = """
      UPDATE orders SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1
      """;

  static final String CANCEL_LINES = """
      UPDATE order_lines SET cancelled = quantity, backordered = 0, status = 'cancelled'
       WHERE order_id = $1 AND line_no = ANY($2::int[])
      """;

  /** Closes the open allocations of some lines of an order; returns what they held (to release in the pool). */
  static final String RELEASE_ALLOCATIONS = """
      UPDATE allocations SET status = 'released', closed_at = now()
       WHERE order_id = $1 AND line_no = ANY($2::int[]) AND status = 'open'
      RETURNING sku, location_id, quantity
      """;

  static final String SET_SHIP_TO = """
      UPDATE orders SET ship_to = $2::text::jsonb, ship_lat = $3, ship_lon = $4, status = $5, updated_at = now(),
                        version = version + 1
       WHERE id = $1
      """;

  static final String INSERT_ALLOCATIONS = """
      INSERT INTO allocations (order_id, line_no, sku, location_id, quantity, kind, transfer_to, status, created_at)
      SELECT $1, t.* , 'open', now()
        FROM unnest($2::int[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[])
             AS t(line_no, sku, location_id, quantity, kind, transfer_to)
      """;

  /** The parameters of {@link #INSERT_ALLOCATIONS}: the order and its new allocations. */
  static Tuple allocations(UUID orderId, List<Allocation> allocations) {
    int n = allocations.size();
    Integer[] lineNos = new Integer[n];
    String[] skus = new String[n];
    String[] locations = new String[n];
    Long[] quantities = new Long[n];
    String[] kinds = new String[n];
    String[] transferTo = new String[n];
    for (int i = 0; i < n; i++) {
      Allocation a = allocations.get(i);
      lineNos[i] = a.lineNo();
      skus[i] = a.sku();
      locations[i] = a.locationId();
      quantities[i] = a.quantity();
      kinds[i] = a.kind().wire();
      transferTo[i] = a.transferTo();
    }
    return Tuple.of(orderId, lineNos, skus, locations, quantities, kinds).addValue(transferTo);
  }

  static final String SET_LINE = """
      UPDATE order_lines SET status = $3, backordered = $4, cancelled = $5 WHERE order_id = $1 AND line_no = $2
      """;

  static final String INSERT_ROUTING = """
      INSERT INTO order_routing (order_id, seq, at, rules_version, reason, decision)
      SELECT $1, COALESCE(max(seq), 0) + 1, now(), $2, $3, $4 FROM order_routing WHERE order_id = $1
      """;

  /** Units of a line that could not be found anywhere: backordered ($4) or cancelled. */
  static final String LINE_SHORT = """
      UPDATE order_lines SET backordered = backordered + CASE WHEN $4 THEN $3 ELSE 0 END,
                             cancelled = cancelled + CASE WHEN $4 THEN 0 ELSE $3 END,
                             status = CASE WHEN $4 THEN 'partly-allocated' ELSE status END
       WHERE order_id = $1 AND line_no = $2
      """;

  /** An order none of whose lines has anything left to fulfil is cancelled. */
  static final String CANCEL_IF_EMPTY = """
      UPDATE orders o SET status = 'cancelled', updated_at = now(), version = o.version + 1
       WHERE o.id = $1 AND o.status NOT IN ('cancelled', 'shipped', 'picked-up', 'completed')
         AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.cancelled < l.quantity)
      """;

  static final String INSERT_NOTIFICATION = """
      INSERT INTO notifications (order_id, kind, recipient, payload) VALUES ($1, $2, $3::text::jsonb, $4::text::jsonb)
      """;

  /** Orders taken per location today (UTC): the capacity ledger's cold start. */
  static final String ORDERS_PER_LOCATION_TODAY = """
      SELECT location_id, count(DISTINCT order_id) FROM allocations
       WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
       GROUP BY location_id
      """;
}
