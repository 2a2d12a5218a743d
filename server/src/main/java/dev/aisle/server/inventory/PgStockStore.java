package dev.aisle.server.inventory;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stock on-hand in PostgreSQL: the durable half of every position. */
public final class PgStockStore {

  /** The result of one adjustment line: the new row, or why it was not applied. */
  public record Adjusted(Adjustment line, StockRow row, String reject) {}

  private final Pool pool;

  public PgStockStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Sets one position and records the movement; {@code bin} null keeps the stored bin, "" clears it. Succeeds with null when {@code feedSeq} is older than the stored
   * sequence (nothing changes).
   */
  public Future<StockRow> set(String sku, String locationId, long onHand, Long safety, Long feedSeq, String bin,
                              String actor) {
    return pool.withTransaction(tx -> tx.preparedQuery(StockSql.LOCK_POSITION).execute(Tuple.of(sku, locationId))
        .compose(before -> {
          long old = before.size() == 0 ? 0 : before.iterator().next().getLong(0);
          return tx.preparedQuery(StockSql.SET_POSITION)
              .execute(Tuple.of(sku, locationId, onHand, safety, feedSeq, bin))
              .compose(rows -> {
                if (rows.size() == 0) {
                  return Future.succeededFuture(null);
                }
                StockRow row = StockSql.stockRow(rows.iterator().next());
                return tx.preparedQuery(StockSql.INSERT_MOVEMENT)
                    .execute(Tuple.of(sku, locationId, row.onHand() - old, "set", row.onHand(), null, actor))
                    .map(row);
              });
        }));
  }

  /** The stored feed sequence of a position, or null when there is none. */
  public Future<Long> feedSeq(String sku, String locationId) {
    return pool.preparedQuery(StockSql.FEED_SEQ).execute(Tuple.of(sku, locationId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /**
   * Applies the lines in order on one connection (pipelined). Each line commits on its own: a line that would take
   * on-hand below zero is rejected and the others still apply.
   */
  public Future<List<Adjusted>> adjust(List<Adjustment> lines, String actor) {
    if (lines.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.withConnection(conn -> {
      List<Future<Adjusted>> results = new ArrayList<>(lines.size());
      for (Adjustment a : lines) {
        String sql = a.delta() > 0 ? StockSql.RECEIVE : StockSql.ADJUST;
        results.add(conn.preparedQuery(sql)
            .execute(Tuple.of(a.sku(), a.locationId(), a.delta(), a.reason().wire(), a.reference(), actor))
            .compose(rows -> rows.size() == 1
                ? Future.succeededFuture(new Adjusted(a, StockSql.stockRow(rows.iterator().next()), null))
                : explain(conn, a))
            .recover(e -> e instanceof PgException pg && "23503".equals(pg.getSqlState())
                ? Future.succeededFuture(new Adjusted(a, null, "unknown sku or location"))
                : Future.failedFuture(e)));
      }
      return Future.all(results).map(all -> {
        List<Adjusted> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
          out.add(all.resultAt(i));
        }
        return out;
      });
    });
  }

  private Future<Adjusted> explain(SqlConnection conn, Adjustment a) {
    return conn.preparedQuery(StockSql.LOCK_POSITION.replace(" FOR UPDATE", ""))
        .execute(Tuple.of(a.sku(), a.locationId()))
        .map(rows -> new Adjusted(a, null, rows.size() == 0
            ? "no stock position for " + a.sku() + " at " + a.locationId()
            : "on-hand is " + rows.iterator().next().getLong(0) + "; a delta of " + a.delta()
                + " would take it below zero"));
  }

  /**
   * Writes one snapshot batch (no position twice) in one transaction: lines without safety stock and lines with it
   * are one upsert each, then the bins of the lines written that carry one. Returns the rows written; lines not
   * returned were stale.
   */
  public Future<List<StockRow>> snapshot(List<SnapshotLine> batch) {
    List<SnapshotLine> onHandOnly = new ArrayList<>(batch.size());
    List<SnapshotLine> withSafety = new ArrayList<>();
    List<SnapshotLine> withBin = new ArrayList<>();
    for (SnapshotLine l : batch) {
      (l.safetyStock() == null ? onHandOnly : withSafety).add(l);
      if (l.bin() != null) {
        withBin.add(l);
      }
    }
    if (withBin.isEmpty() && withSafety.isEmpty()) {
      return upsert(pool, onHandOnly, false);
    }
    if (withBin.isEmpty() && onHandOnly.isEmpty()) {
      return upsert(pool, withSafety, true);
    }
    return pool.withTransaction(tx -> upsert(tx, onHandOnly, false).compose(first -> upsert(tx, withSafety, true)
        .map(second -> {
          List<StockRow> all = new ArrayList<>(first);
          all.addAll(second);
          return all;
        }))
        .compose(written -> setBins(tx, withBin, written)));
  }

  /**
   * Sets the bins of the lines that were written (a stale line's bin is as stale as its on-hand); answers the rows
   * written, each with the bin its line set (the upserts answered the bins from before).
   */
  private static Future<List<StockRow>> setBins(SqlClient client, List<SnapshotLine> lines, List<StockRow> written) {
    Map<String, SnapshotLine> byPosition = new HashMap<>();
    lines.forEach(l -> byPosition.put(l.sku() + "\n" + l.locationId(), l));
    List<SnapshotLine> fresh = new ArrayList<>();
    List<StockRow> rows = new ArrayList<>(written.size());
    for (StockRow r : written) {
      SnapshotLine l = byPosition.get(r.sku() + "\n" + r.locationId());
      if (l == null) {
        rows.add(r);
      } else {
        fresh.add(l);
        rows.add(new StockRow(r.sku(), r.locationId(), r.onHand(), r.safetyStock(), r.feedSeq(), r.version(),
            l.bin().isEmpty() ? null : l.bin()));
      }
    }
    if (fresh.isEmpty()) {
      return Future.succeededFuture(rows);
    }
    return client.preparedQuery(StockSql.SET_BINS).execute(Tuple.tuple()
            .addArrayOfString(fresh.stream().map(SnapshotLine::sku).toArray(String[]::new))
            .addArrayOfString(fresh.stream().map(SnapshotLine::locationId).toArray(String[]::new))
            .addArrayOfString(fresh.stream().map(SnapshotLine::bin).toArray(String[]::new)))
        .map(rows);
  }

  private static Future<List<StockRow>> upsert(SqlClient client, List<SnapshotLine> lines, boolean safety) {
    if (lines.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    int n = lines.size();
    String[] skus = new String[n];
    String[] locations = new String[n];
    Long[] onHand = new Long[n];
    Long[] seq = new Long[n];
    Long[] safetyStock = new Long[n];
    for (int i = 0; i < n; i++) {
      SnapshotLine l = lines.get(i);
      skus[i] = l.sku();
      locations[i] = l.locationId();
      onHand[i] = l.onHand();
      seq[i] = l.feedSeq();
      safetyStock[i] = l.safetyStock();
    }
    Tuple params = Tuple.tuple().addArrayOfString(skus).addArrayOfString(locations).addArrayOfLong(onHand)
        .addArrayOfLong(seq);
    if (safety) {
      params.addArrayOfLong(safetyStock);
    }
    return client.preparedQuery(safety ? StockSql.SNAPSHOT_WITH_SAFETY : StockSql.SNAPSHOT_ON_HAND).execute(params)
        .map(PgStockStore::rows);
  }

  private static List<StockRow> rows(RowSet<Row> rows) {
    List<StockRow> list = new ArrayList<>(rows.size());
    for (Row r : rows) {
      list.add(StockSql.stockRow(r));
    }
    return list;
  }
}
