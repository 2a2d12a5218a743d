package dev.aisle.server.inventory;

import io.vertx.sqlclient.Row;

/** The SQL of stock positions and movements. */
final class StockSql {

  private StockSql() {}

  /** Every position in SKU order, with its bin and what open allocations hold of it: the cold-start pool. */
  static final String ALL_BY_SKU = """
      SELECT s.sku, s.location_id, s.on_hand, s.safety_stock, s.feed_seq, s.version, s.bin, COALESCE(r.reserved, 0)
        FROM stock s
        LEFT JOIN (SELECT sku, location_id, sum(quantity) AS reserved FROM allocations WHERE status = 'open'
                    GROUP BY sku, location_id) r USING (sku, location_id)
       ORDER BY s.sku, s.location_id
      """;

  static final String LOCK_POSITION = "SELECT on_hand FROM stock WHERE sku = $1 AND location_id = $2 FOR UPDATE";

  /**
   * Sets one position. $4 safety stock, $5 feed sequence and $6 bin may be null (keep what is there); a bin of ""
   * clears it. A feed sequence older than the stored one updates nothing, so no row comes back.
   */
  static final String SET_POSITION = """
      INSERT INTO stock AS s (sku, location_id, on_hand, safety_stock, feed_seq, bin, version)
      VALUES ($1, $2, $3, COALESCE($4, 0), COALESCE($5, 0), NULLIF($6, ''), 1)
      ON CONFLICT (sku, location_id) DO UPDATE
         SET on_hand = EXCLUDED.on_hand,
             safety_stock = COALESCE($4, s.safety_stock),
             feed_seq = COALESCE($5, s.feed_seq),
             bin = CASE WHEN $6::text IS NULL THEN s.bin ELSE NULLIF($6, '') END,
             version = s.version + 1,
             updated_at = now()
       WHERE $5::bigint IS NULL OR s.feed_seq <= $5
      RETURNING sku, location_id, on_hand, safety_stock, feed_seq, version, bin
      """;

  static final String FEED_SEQ = "SELECT feed_seq FROM stock WHERE sku = $1 AND location_id = $2";

  static final String INSERT_MOVEMENT = """
      INSERT INTO stock_movements (sku, location_id, delta, reason, on_hand_after, reference, actor)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;

  /**
   * Applies a delta that keeps on-hand at or above zero, records the movement, returns the new row (none when the
   * delta would go below zero or the position does not exist). Row locks serialise concurrent deltas.
   */
  static final String ADJUST = """
      WITH up AS (
        UPDATE stock SET on_hand = on_hand + $3, version = version + 1, updated_at = now()
         WHERE sku = $1 AND location_id = $2 AND on_hand + $3 >= 0
        RETURNING sku, location_id, on_hand, safety_stock, feed_seq, version, bin),
      mv AS (
        INSERT INTO stock_movements (sku, location_id, delta, reason, on_hand_after, reference, actor)
        SELECT sku, location_id, $3, $4, on_hand, $5, $6 FROM up)
      SELECT sku, location_id, on_hand, safety_stock, feed_seq, version, bin FROM up
      """;

  /** A positive delta also creates a position that did not exist yet (first receipt at a location). */
  static final String RECEIVE = """
      WITH up AS (
        INSERT INTO stock AS s (sku, location_id, on_hand, version) VALUES ($1, $2, $3, 1)
        ON CONFLICT (sku, location_id) DO UPDATE
           SET on_hand = s.on_hand + EXCLUDED.on_hand, version = s.version + 1, updated_at = now()
        RETURNING sku, location_id, on_hand, safety_stock, feed_seq, version, bin),
      mv AS (
        INSERT INTO stock_movements (sku, location_id, delta, reason, on_hand_after, reference, actor)
        SELECT sku, location_id, $3, $4, on_hand, $5, $6 FROM up)
      SELECT sku, location_id, on_hand, safety_stock, feed_seq, version, bin FROM up
      """;

  /**
   * One snapshot batch of absolute on-hand with the sender's sequence, one upsert: a new position is inserted, an
   * existing one updated only when the line is not older than what is stored. Returns the rows written; lines of the
   * batch missing from the result were stale. Safety stock is kept as stored ({@link #SNAPSHOT_WITH_SAFETY} sets it).
   */
  static final String SNAPSHOT_ON_HAND = """
      INSERT INTO stock AS s (sku, location_id, on_hand, feed_seq, version)
      SELECT sku, location_id, on_hand, feed_seq, 1
        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS t(sku, location_id, on_hand, feed_seq)
      ON CONFLICT (sku, location_id) DO UPDATE
         SET on_hand = EXCLUDED.on_hand, feed_seq = EXCLUDED.feed_seq, version = s.version + 1, updated_at = now()
       WHERE s.feed_seq <= EXCLUDED.feed_seq
      RETURNING s.sku, s.location_id, s.on_hand, s.safety_stock, s.feed_seq, s.version, s.bin
      """;

  /** {@link #SNAPSHOT_ON_HAND} for lines that also carry safety stock ($5). */
  static final String SNAPSHOT_WITH_SAFETY = """
      INSERT INTO stock AS s (sku, location_id, on_hand, feed_seq, safety_stock, version)
      SELECT sku, location_id, on_hand, feed_seq, safety_stock, 1
        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])
             AS t(sku, location_id, on_hand, feed_seq, safety_stock)
      ON CONFLICT (sku, location_id) DO UPDATE
         SET on_hand = EXCLUDED.on_hand, feed_seq = EXCLUDED.feed_seq, safety_stock = EXCLUDED.safety_stock,
             version = s.version + 1, updated_at = now()
       WHERE s.feed_seq <= EXCLUDED.feed_seq
      RETURNING s.sku, s.location_id, s.on_hand, s.safety_stock, s.feed_seq, s.version, s.bin
      """;

  /** The bins of snapshot lines ("" clears one). */
  static final String SET_BINS = """
      UPDATE stock s SET bin = NULLIF(t.bin, '')
        FROM unnest($1::text[], $2::text[], $3::text[]) AS t(sku, location_id, bin)
       WHERE s.sku = t.sku AND s.location_id = t.location_id
      """;

  static StockRow stockRow(Row row) {
    return new StockRow(row.getString(0), row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4),
        row.getLong(5), row.getString(6));
  }
}
