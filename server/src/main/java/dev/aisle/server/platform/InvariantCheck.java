package dev.aisle.server.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The invariants every test, drill and benchmark ends with, checked on a quiet cluster (no capture in flight, holds
 * of dead nodes settled). Not part of a running node: a tool run after the fact, from the fault tests (in the JVM)
 * and from {@code bench/} scripts:
 * <pre>
 * AISLE_PG_URL=postgresql://u:p@127.0.0.1:5432/aisle java -cp aisle-server.jar dev.aisle.server.platform.InvariantCheck \
 *     [--acked FILE]... [--url http://127.0.0.1:8081 --admin-password PW [--settle 30]]
 * </pre>
 * In PostgreSQL:
 * <ul>
 *   <li><b>no oversell</b>: per position, the open allocations hold at most on-hand − safety stock (and nothing
 *       where the SKU has no position);</li>
 *   <li><b>no acknowledged order lost</b>: every order id the load generator got a 201 for is in {@code orders};</li>
 *   <li><b>gapless store feeds</b>: each store's feed seqs are 1..n, so a device resuming by seq misses nothing;</li>
 *   <li><b>no orphans</b>: every order line, allocation, event, routing decision, task, task line and feed event of
 *       the capture path has its order (line, task) and names a known product and location.</li>
 * </ul>
 * Against a node (optional): the pool agrees with PostgreSQL for every SKU with open allocations or named in an
 * acknowledged order's lines: reserved equals the open allocations, on-hand equals {@code stock}, and
 * available-to-sell is never below zero. A hold still in flight makes the pool differ; {@code --settle} retries
 * the comparison for that many seconds. Exit status 1 and one line per violation when anything is wrong.
 */
public final class InvariantCheck {

  private static final String OVERSOLD = """
      SELECT a.sku, a.location_id, a.reserved, s.on_hand, s.safety_stock
        FROM (SELECT sku, location_id, sum(quantity) AS reserved FROM allocations WHERE status = 'open'
               GROUP BY sku, location_id) a
        LEFT JOIN stock s USING (sku, location_id)
       WHERE s.sku IS NULL OR a.reserved > GREATEST(s.on_hand - s.safety_stock, 0)
       ORDER BY a.sku, a.location_id
      """;

  private static final String MISSING_ORDERS = """
      SELECT x FROM unnest(?::uuid[]) AS x WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = x)
      """;

  private static final String FEED_GAPS = """
      SELECT location_id, count(*), max(seq) FROM store_feed GROUP BY location_id
      HAVING count(*) <> max(seq) OR min(seq) <> 1
      """;

  /** Rows of the capture path whose order, line, task, product or location is missing (V12 has no foreign keys). */
  private static final String ORPHANS = """
      SELECT 'order line ' || order_id || '/' || line_no || ' has no order' FROM order_lines l
       WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = l.order_id)
      UNION ALL SELECT 'order line ' || order_id || '/' || line_no || ' names unknown product ' || sku FROM order_lines l
       WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = l.sku)
      UNION ALL SELECT 'allocation ' || id || ' has no order line' FROM allocations a
       WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = a.order_id AND l.line_no = a.line_no)
      UNION ALL SELECT 'allocation ' || id || ' names an unknown location' FROM allocations a
       WHERE NOT EXISTS (SELECT 1 FROM locations x WHERE x.id = a.location_id)
          OR (a.transfer_to IS NOT NULL AND NOT EXISTS (SELECT 1 FROM locations x WHERE x.id = a.transfer_to))
      UNION ALL SELECT 'order event ' || id || ' has no order' FROM order_events e
       WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = e.order_id)
      UNION ALL SELECT 'routing decision ' || order_id || '/' || seq || ' has no order' FROM order_routing r
       WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id)
      UNION ALL SELECT 'task ' || id || ' has no order or names an unknown location' FROM tasks t
       WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = t.order_id)
          OR NOT EXISTS (SELECT 1 FROM locations x WHERE x.id = t.location_id)
      UNION ALL SELECT 'task line ' || task_id || '/' || line_no || ' has no task' FROM task_lines tl
       WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = tl.task_id)
      UNION ALL SELECT 'feed event ' || location_id || '/' || seq || ' has no task' FROM store_feed f
       WHERE f.task_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = f.task_id)
      LIMIT 200
      """;

  private static final String CHECKED_SKUS = """
      SELECT DISTINCT sku FROM allocations WHERE status = 'open'
      UNION SELECT DISTINCT sku FROM order_lines WHERE order_id = ANY(?::uuid[])
      """;

  private static final String POSITIONS = """
      SELECT s.sku, s.location_id, s.on_hand, s.safety_stock, COALESCE(a.reserved, 0)
        FROM stock s
        LEFT JOIN (SELECT sku, location_id, sum(quantity) AS reserved FROM allocations
                    WHERE status = 'open' AND sku = ANY(?) GROUP BY sku, location_id) a USING (sku, location_id)
       WHERE s.sku = ANY(?)
      """;

  private InvariantCheck() {}

  /** A position as PostgreSQL has it: on-hand and safety from {@code stock}, reserved = open allocations. */
  record Position(long onHand, long safety, long reserved) {}

  /** Violations in PostgreSQL (no oversell, every acknowledged order present, gapless feeds). */
  public static List<String> database(DbTarget db, Collection<UUID> acked) throws SQLException {
    List<String> violations = new ArrayList<>();
    try (Connection c = connect(db)) {
      try (ResultSet r = c.createStatement().executeQuery(OVERSOLD)) {
        while (r.next()) {
          violations.add(r.getObject(4) == null
              ? "oversell: " + r.getLong(3) + " of " + r.getString(1) + " allocated at " + r.getString(2)
                  + " where it has no stock position"
              : "oversell: " + r.getString(1) + " at " + r.getString(2) + ": open allocations " + r.getLong(3)
                  + " > on-hand " + r.getLong(4) + " − safety " + r.getLong(5));
        }
      }
      try (PreparedStatement s = c.prepareStatement(MISSING_ORDERS)) {
        s.setArray(1, c.createArrayOf("uuid", acked.toArray()));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            violations.add("lost: acknowledged order " + r.getString(1) + " is not in PostgreSQL");
          }
        }
      }
      try (ResultSet r = c.createStatement().executeQuery(ORPHANS)) {
        while (r.next()) {
          violations.add("orphan: " + r.getString(1));
        }
      }
      try (ResultSet r = c.createStatement().executeQuery(FEED_GAPS)) {
        while (r.next()) {
          violations.add("feed gap: store " + r.getString(1) + " has " + r.getLong(2) + " events up to seq "
              + r.getLong(3));
        }
      }
    }
    return violations;
  }

  /**
   * Violations between the pool (read through {@code baseUrl} with an admin token) and PostgreSQL, for the SKUs
   * with open allocations or in the lines of {@code acked} orders. Blocking; call it from a test or main thread.
   */
  public static List<String> pool(DbTarget db, Collection<UUID> acked, String baseUrl, String adminToken)
      throws SQLException, IOException, InterruptedException {
    Map<String, Map<String, Position>> expected = new HashMap<>();
    try (Connection c = connect(db)) {
      Set<String> skus = new LinkedHashSet<>();
      try (PreparedStatement s = c.prepareStatement(CHECKED_SKUS)) {
        s.setArray(1, c.createArrayOf("uuid", acked.toArray()));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            skus.add(r.getString(1));
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement(POSITIONS)) {
        java.sql.Array array = c.createArrayOf("text", skus.toArray());
        s.setArray(1, array);
        s.setArray(2, array);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            expected.computeIfAbsent(r.getString(1), k -> new HashMap<>())
                .put(r.getString(2), new Position(r.getLong(3), r.getLong(4), r.getLong(5)));
          }
        }
      }
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<String> violations = new ArrayList<>();
    for (var sku : expected.entrySet()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/inventory/" + sku.getKey()))
          .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        violations.add("pool: GET /api/v1/inventory/" + sku.getKey() + " answered " + r.statusCode());
        continue;
      }
      Map<String, Position> inPool = new HashMap<>();
      JsonArray positions = new JsonObject(r.body()).getJsonArray("positions");
      for (int i = 0; i < positions.size(); i++) {
        JsonObject p = positions.getJsonObject(i);
        inPool.put(p.getString("locationId"),
            new Position(p.getLong("onHand"), p.getLong("safetyStock"), p.getLong("reserved")));
      }
      violations.addAll(compare(sku.getKey(), sku.getValue(), inPool));
    }
    return violations;
  }

  /** Where the pool's positions of one SKU differ from PostgreSQL's, or hold more than they may. */
  static List<String> compare(String sku, Map<String, Position> pg, Map<String, Position> inPool) {
    List<String> violations = new ArrayList<>();
    pg.forEach((location, want) -> {
      Position got = inPool.get(location);
      if (got == null) {
        violations.add("pool: " + sku + " at " + location + " is missing from the pool");
      } else if (!got.equals(want)) {
        violations.add("pool: " + sku + " at " + location + " is " + got + " in the pool, " + want
            + " in PostgreSQL");
      }
      if (got != null && got.reserved() > Math.max(0, got.onHand() - got.safety())) {
        violations.add("pool: " + sku + " at " + location + " reserves " + got.reserved() + " of on-hand "
            + got.onHand() + " − safety " + got.safety());
      }
    });
    return violations;
  }

  /** Logs in as admin; answers the bearer token. */
  public static String adminToken(String baseUrl, String password) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(baseUrl + "/api/v1/auth/token")).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin")
            .put("password", password).encode())).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("admin login at " + baseUrl + " answered " + r.statusCode());
    }
    return new JsonObject(r.body()).getString("token");
  }

  private static Connection connect(DbTarget db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  public static void main(String[] args) throws Exception {
    String pgUrl = System.getenv("AISLE_PG_URL");  // better than --pg-url: not visible in the process list
    String url = null;
    String password = null;
    long settleSeconds = 0;
    Set<UUID> acked = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--pg-url" -> pgUrl = args[++i];
        case "--url" -> url = args[++i];
        case "--admin-password" -> password = args[++i];
        case "--settle" -> settleSeconds = Long.parseLong(args[++i]);
        case "--acked" -> {
          for (String line : Files.readAllLines(Path.of(value))) {
            if (!line.isBlank()) {
              acked.add(UUID.fromString(line.strip()));
            }
          }
          i++;
        }
        default -> {
          System.err.println("unknown argument " + args[i] + "; see the class comment of " + InvariantCheck.class);
          System.exit(2);
        }
      }
    }
    if (pgUrl == null || (url != null && password == null)) {
      System.err.println("usage: AISLE_PG_URL=postgresql://... (or --pg-url) [--acked FILE]... [--url http://node --admin-password PW"
          + " [--settle SECONDS]]");
      System.exit(2);
    }
    DbTarget db = DbTarget.parse(pgUrl);
    List<String> violations = new ArrayList<>(database(db, acked));
    int poolChecks = 0;
    if (url != null) {
      String token = adminToken(url, password);
      long until = System.nanoTime() + settleSeconds * 1_000_000_000L;
      List<String> pool;
      do {
        if (poolChecks++ > 0) {
          Thread.sleep(1_000);
        }
        pool = pool(db, acked, url, token);
      } while (!pool.isEmpty() && System.nanoTime() < until);
      violations.addAll(pool);
    }
    System.out.println("invariants: " + acked.size() + " acknowledged orders checked"
        + (url == null ? "" : ", pool compared with PostgreSQL (" + poolChecks + " pass(es))")
        + ": " + violations.size() + " violation(s)");
    violations.stream().limit(200).forEach(v -> System.out.println("  " + v));
    System.exit(violations.isEmpty() ? 0 : 1);
  }
}
