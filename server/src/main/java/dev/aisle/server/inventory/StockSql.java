package dev.aisle.server.inventory;

import io.vertx.sqlclient.Row;

/** The SQL of stock positions and movements. */
final class StockSql {

  private StockSql() {}

  static final String COLUMNS = "sku, location_id, on_hand, safety_stock, feed_seq, version";

  static final String ALL_BY_SKU = "SELECT " + COLUMNS + " FROM stock ORDER BY sku, location_id";

  static final String LOCK_POSITION = "SELECT on_hand FROM stock WHERE sku = $1 AND location_id = $2 FOR UPDATE";

  /**
   * Sets one position. $4 safety stock and $5 feed sequence may be null (keep what is there). A feed sequence older
   * than the stored one updates nothing, so no row comes back.
   */
  static final String SET_POSITION = """
      INSERT INTO stock AS s (sku, location_id, on_hand, safety_stock, feed_seq, version)
      VALUES ($1, $2, $3, COALESCE($4, 0), COALESCE($5, 0), 1)
      ON CONFLICT (sku, location_id) DO UPDATE
         SET on_hand = EXCLUDED.on_hand,
             safety_stock = COALESCE($4, s.safety_stock),
             feed_seq = COALESCE($5, s.feed_seq),
             version = s.version + 1,
             updated_at = now()
       WHERE $5::bigint IS NULL OR s.feed_seq <= $5
      RETURNING sku, location_id, on_hand, safety_stock, feed_seq, version
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
        RETURNING sku, location_id, on_hand, safety_stock, feed_seq, version),
      mv AS (
        INSERT INTO stock_movements (sku, location_id, delta, reason, on_hand_after, reference, actor)
        SELECT sku, location_id, $3, $4, on_hand, $5, $6 FROM up)
      SELECT sku, location_id, on_hand, safety_stock, feed_seq, version FROM up
      """;

  /** A positive delta also creates a position that did not exist yet (first receipt at a location). */
  static final String RECEIVE = """
      WITH up AS (
        INSERT INTO stock AS s (sku, location_id, on_hand, version) VALUES ($1, $2, $3, 1)
        ON CONFLICT (sku, location_id) DO UPDATE
           SET on_hand = s.on_hand + EXCLUDED.on_hand, version = s.version + 1, updated_at = now()
        RETURNING sku, location_id, on_hand, safety_stock, feed_seq, version),
      mv AS (
        INSERT INTO stock_movements (sku, location_id, delta, reason, on_hand_after, reference, actor)
        SELECT sku, location_id, $3, $4, on_hand, $5, $6 FROM up)
      SELECT sku, location_id, on_hand, safety_stock, feed_seq, version FROM up
      """;

  /**
   * One snapshot batch: absolute on-hand per position with the sender's sequence. Existing positions are updated only
   * when the line is not older than what is stored; new ones are inserted. Returns the rows written; lines of the
   * batch missing from the result were stale. $4 (safety stock) elements may be null: keep the stored value.
   */
  static final String SNAPSHOT_BATCH = """
      WITH t AS (
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])
                 AS t(sku, location_id, on_hand, safety_stock, feed_seq)),
      upd AS (
        UPDATE stock s
           SET on_hand = t.on_hand, safety_stock = COALESCE(t.safety_stock, s.safety_stock),
               feed_seq = t.feed_seq, version = s.version + 1, updated_at = now()
          FROM t
         WHERE s.sku = t.sku AND s.location_id = t.location_id AND s.feed_seq <= t.feed_seq
        RETURNING s.sku, s.location_id, s.on_hand, s.safety_stock, s.feed_seq, s.version),
      ins AS (
        INSERT INTO stock AS s (sku, location_id, on_hand, safety_stock, feed_seq, version)
        SELECT t.sku, t.location_id, t.on_hand, COALESCE(t.safety_stock, 0), t.feed_seq, 1 FROM t
         WHERE NOT EXISTS (SELECT 1 FROM stock x WHERE x.sku = t.sku AND x.location_id = t.location_id)
        ON CONFLICT (sku, location_id) DO UPDATE
           SET on_hand = EXCLUDED.on_hand, safety_stock = EXCLUDED.safety_stock, feed_seq = EXCLUDED.feed_seq,
               version = s.version + 1, updated_at = now()
         WHERE s.feed_seq <= EXCLUDED.feed_seq
        RETURNING s.sku, s.location_id, s.on_hand, s.safety_stock, s.feed_seq, s.version)
      SELECT * FROM upd UNION ALL SELECT * FROM ins
      """;

  static StockRow stockRow(Row row) {
    return new StockRow(row.getString(0), row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4),
        row.getLong(5));
  }
}
