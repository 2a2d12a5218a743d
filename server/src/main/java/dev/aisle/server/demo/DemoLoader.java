package dev.aisle.server.demo;

import dev.aisle.api.Address;
import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.api.Product;
import dev.aisle.server.inventory.StockRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Writes a {@link DemoData} into PostgreSQL in one transaction. Products and locations are upserted by primary
 * key; <b>a reload replaces all stock</b>: every row of {@code stock_movements} and {@code stock} is deleted first
 * (of every location, not only demo ones), then the demo positions are inserted. Rows go in bulk, {@value #BATCH}
 * per statement, as parallel arrays through {@code unnest}.
 *
 * <p>The in-memory inventory pool is not touched: rebuild it from the database after a load.
 */
public final class DemoLoader {

  static final int BATCH = 10_000;

  private DemoLoader() {}

  static final String UPSERT_PRODUCTS = """
      INSERT INTO products (sku, name, upc, price_cents, currency, weight_grams, category, active)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::int4[], $7::text[],
                           $8::bool[])
      ON CONFLICT (sku) DO UPDATE SET
        name = excluded.name, upc = excluded.upc, price_cents = excluded.price_cents,
        currency = excluded.currency, weight_grams = excluded.weight_grams, category = excluded.category,
        active = excluded.active, updated_at = now()
      """;

  // capabilities travel as comma-joined text: unnest flattens a 2-D array
  static final String UPSERT_LOCATIONS = """
      INSERT INTO locations (id, type, name, lat, lon, address, capabilities, opening_hours, timezone,
                             capacity_per_day, priority, active)
      SELECT id, type, name, lat, lon, address::jsonb, string_to_array(caps, ','), hours::jsonb, tz, cap, prio, act
      FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::text[],
                  $8::text[], $9::text[], $10::int4[], $11::int4[], $12::bool[])
           AS t(id, type, name, lat, lon, address, caps, hours, tz, cap, prio, act)
      ON CONFLICT (id) DO UPDATE SET
        type = excluded.type, name = excluded.name, lat = excluded.lat, lon = excluded.lon,
        address = excluded.address, capabilities = excluded.capabilities, opening_hours = excluded.opening_hours,
        timezone = excluded.timezone, capacity_per_day = excluded.capacity_per_day, priority = excluded.priority,
        active = excluded.active, updated_at = now()
      """;

  static final String INSERT_STOCK = """
      INSERT INTO stock (sku, location_id, on_hand, safety_stock, feed_seq, version, bin)
      SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], $7::text[])
      """;

  // a reload with another seed hands UPCs to other SKUs; the unique index checks row by row, so park them first
  static final String PARK_UPCS = "UPDATE products SET upc = '~' || sku WHERE sku = ANY($1::text[])";

  static final String DELETE_MOVEMENTS = "DELETE FROM stock_movements";
  static final String DELETE_STOCK = "DELETE FROM stock";
  static final String IS_EMPTY = "SELECT NOT EXISTS (SELECT 1 FROM locations) AS empty";

  /** Loads {@code data} in one transaction; the number of stock rows written. */
  public static Future<Integer> load(Pool pool, DemoData data) {
    return pool.withTransaction(conn -> conn
        // 1. stock goes first: it references products and locations
        .query(DELETE_MOVEMENTS).execute()
        .compose(r -> conn.query(DELETE_STOCK).execute())
        // 2. catalog and network, upserted so users and orders pointing at them stay valid
        .compose(r -> batches(conn, PARK_UPCS, data.products(), DemoLoader::skuTuple))
        .compose(r -> batches(conn, UPSERT_PRODUCTS, data.products(), DemoLoader::productTuple))
        .compose(n -> batches(conn, UPSERT_LOCATIONS, data.locations(), DemoLoader::locationTuple))
        // 3. the new positions
        .compose(n -> batches(conn, INSERT_STOCK, inKeyOrder(data.stock()), DemoLoader::stockTuple)));
  }

  /** Primary-key order: the index grows at its right edge instead of splitting pages all over. */
  private static List<StockRow> inKeyOrder(List<StockRow> rows) {
    List<StockRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(StockRow::sku).thenComparing(StockRow::locationId));
    return sorted;
  }

  /** True when the database has no location at all (a fresh install the demo may fill). */
  public static Future<Boolean> isEmpty(Pool pool) {
    return pool.query(IS_EMPTY).execute().map(rows -> rows.iterator().next().getBoolean("empty"));
  }

  /** Runs {@code sql} once per slice of {@value #BATCH} rows, one after the other; the number of rows. */
  private static <T> Future<Integer> batches(SqlConnection conn, String sql, List<T> rows,
                                             BiFunction<List<T>, Integer, Tuple> toTuple) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (int from = 0; from < rows.size(); from += BATCH) {
      List<T> slice = rows.subList(from, Math.min(rows.size(), from + BATCH));
      chain = chain.compose(done -> conn.preparedQuery(sql).execute(toTuple.apply(slice, slice.size()))
          .map(r -> done + r.rowCount()));
    }
    return chain;
  }

  private static Tuple skuTuple(List<Product> rows, int n) {
    String[] sku = new String[n];
    for (int i = 0; i < n; i++) {
      sku[i] = rows.get(i).sku();
    }
    return Tuple.tuple().addValue(sku);
  }

  private static Tuple productTuple(List<Product> rows, int n) {
    String[] sku = new String[n];
    String[] name = new String[n];
    String[] upc = new String[n];
    Long[] price = new Long[n];
    String[] currency = new String[n];
    Integer[] grams = new Integer[n];
    String[] category = new String[n];
    Boolean[] active = new Boolean[n];
    for (int i = 0; i < n; i++) {
      Product p = rows.get(i);
      sku[i] = p.sku();
      name[i] = p.name();
      upc[i] = p.upc();
      price[i] = p.priceCents();
      currency[i] = p.currency();
      grams[i] = p.weightGrams();
      category[i] = p.category();
      active[i] = p.active();
    }
    return Tuple.tuple().addValue(sku).addValue(name).addValue(upc).addValue(price).addValue(currency)
        .addValue(grams).addValue(category).addValue(active);
  }

  private static Tuple locationTuple(List<Location> rows, int n) {
    String[] id = new String[n];
    String[] type = new String[n];
    String[] name = new String[n];
    Double[] lat = new Double[n];
    Double[] lon = new Double[n];
    String[] address = new String[n];
    String[] caps = new String[n];
    String[] hours = new String[n];
    String[] tz = new String[n];
    Integer[] capacity = new Integer[n];
    Integer[] priority = new Integer[n];
    Boolean[] active = new Boolean[n];
    for (int i = 0; i < n; i++) {
      Location l = rows.get(i);
      id[i] = l.id();
      type[i] = l.type().wire();
      name[i] = l.name();
      lat[i] = l.lat();
      lon[i] = l.lon();
      address[i] = addressJson(l.address()).encode();
      caps[i] = l.capabilities().stream().sorted().map(Capability::wire).collect(Collectors.joining(","));
      hours[i] = new JsonObject(new LinkedHashMap<String, Object>(l.openingHours())).encode();
      tz[i] = l.timezone();
      capacity[i] = l.capacityPerDay();
      priority[i] = l.priority();
      active[i] = l.active();
    }
    return Tuple.tuple().addValue(id).addValue(type).addValue(name).addValue(lat).addValue(lon)
        .addValue(address).addValue(caps).addValue(hours).addValue(tz).addValue(capacity).addValue(priority)
        .addValue(active);
  }

  static JsonObject addressJson(Address a) {
    return new JsonObject()
        .put("line1", a.line1())
        .put("city", a.city())
        .put("region", a.region())
        .put("postalCode", a.postalCode())
        .put("country", a.country());
  }

  private static Tuple stockTuple(List<StockRow> rows, int n) {
    String[] sku = new String[n];
    String[] location = new String[n];
    Long[] onHand = new Long[n];
    Long[] safety = new Long[n];
    Long[] feedSeq = new Long[n];
    Long[] version = new Long[n];
    String[] bin = new String[n];
    for (int i = 0; i < n; i++) {
      StockRow r = rows.get(i);
      sku[i] = r.sku();
      location[i] = r.locationId();
      onHand[i] = r.onHand();
      safety[i] = r.safetyStock();
      feedSeq[i] = r.feedSeq();
      version[i] = r.version();
      bin[i] = r.bin();
    }
    return Tuple.tuple().addValue(sku).addValue(location).addValue(onHand).addValue(safety).addValue(feedSeq)
        .addValue(version).addValue(bin);
  }
}
