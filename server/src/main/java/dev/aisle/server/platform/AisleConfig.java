package dev.aisle.server.platform;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The server's configuration, parsed once: {@code config/aisle.json} (or {@code AISLE_CONFIG}), then the
 * environment variables listed in the README on top. Every key has a default, so an empty file is valid.
 */
public record AisleConfig(
    Http http,
    Path dataDir,
    Path webroot,
    Path configDir,
    Database database,
    Cluster cluster,
    Security security,
    Demo demo,
    Availability availability,
    RateLimit rateLimit,
    Orders orders,
    Feed feed) {

  public record Http(String host, int port, int instances) {}

  /** {@code url} empty means: start the embedded PostgreSQL in {@code dataDir}. */
  public record Database(String url, int poolSize) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }
  }

  /** {@code members} empty means: this node alone is the cluster. */
  public record Cluster(String name, String host, int port, List<String> members) {}

  public record Security(String adminPassword, String jwtSecret, int tokenTtlMinutes) {}

  public record Demo(boolean enabled, boolean reload, long seed) {}

  /** {@code exactCounts=false} answers bands (in stock, low stock, out of stock) instead of numbers. */
  public record Availability(double defaultRadiusKm, double maxRadiusKm, int maxStores, boolean exactCounts,
                             int lowStockBelow) {}

  /** Token bucket per client address for the public endpoints; {@code publicPerSecond=0} turns it off. */
  public record RateLimit(int publicPerSecond, int publicBurst) {}

  /**
   * Order capture. {@code idempotencyTtlHours}: how long a key's answer is kept; {@code orphanReleaseSeconds}: a
   * reservation whose order never committed (its node died) is released after this long; {@code maxPendingWrites}:
   * orders waiting for the group-commit writer before capture sheds load with 503; {@code maxInFlight}: captures
   * in progress on this node before further ones are answered 503 at once; {@code shedAfterMs}: when the HTTP event
   * loops run later than this, captures are answered 503 at once (0: never), so latency stays bounded under CPU
   * overload; {@code writerConnections}: commits in flight at once; {@code maxBatch}: orders per commit.
   */
  public record Orders(int idempotencyTtlHours, int orphanReleaseSeconds, int maxPendingWrites, int maxInFlight,
                       long shedAfterMs, int writerConnections, int maxBatch, Sla sla) {}

  /** How long a store has for a task, from the order's creation: the due time; past it the task is late. */
  public record Sla(int shipFromStoreMinutes, int pickupMinutes, int shipToStoreMinutes, int pickupExpiryHours,
                    int checkSeconds, Map<String, StoreSla> stores) {

    /** A store's own minutes where it has them ({@code orders.sla.stores.<id>}), else the network's. */
    public StoreSla of(String locationId) {
      StoreSla own = stores.get(locationId);
      return new StoreSla(
          own != null && own.shipFromStoreMinutes() != null ? own.shipFromStoreMinutes() : shipFromStoreMinutes,
          own != null && own.pickupMinutes() != null ? own.pickupMinutes() : pickupMinutes,
          own != null && own.shipToStoreMinutes() != null ? own.shipToStoreMinutes() : shipToStoreMinutes);
    }
  }

  /** One store's SLA minutes; null: the network default. */
  public record StoreSla(Integer shipFromStoreMinutes, Integer pickupMinutes, Integer shipToStoreMinutes) {}

  /** The device feed: heartbeat period and how many unacknowledged events a device may fall behind. */
  public record Feed(int heartbeatSeconds, int maxUnacked) {}

  /** Environment variable → JSON path it overrides. The README lists the same table. */
  static final Map<String, String> ENV = Map.ofEntries(
      Map.entry("AISLE_HTTP_HOST", "http.host"),
      Map.entry("AISLE_HTTP_PORT", "http.port"),
      Map.entry("AISLE_HTTP_INSTANCES", "http.instances"),
      Map.entry("AISLE_DATA_DIR", "dataDir"),
      Map.entry("AISLE_WEBROOT", "webroot"),
      Map.entry("AISLE_CONFIG_DIR", "configDir"),
      Map.entry("AISLE_PG_URL", "database.url"),
      Map.entry("AISLE_PG_POOL_SIZE", "database.poolSize"),
      Map.entry("AISLE_CLUSTER_NAME", "cluster.name"),
      Map.entry("AISLE_CLUSTER_HOST", "cluster.host"),
      Map.entry("AISLE_CLUSTER_PORT", "cluster.port"),
      Map.entry("AISLE_CLUSTER_MEMBERS", "cluster.members"),
      Map.entry("AISLE_ADMIN_PASSWORD", "security.adminPassword"),
      Map.entry("AISLE_JWT_SECRET", "security.jwtSecret"),
      Map.entry("AISLE_TOKEN_TTL_MINUTES", "security.tokenTtlMinutes"),
      Map.entry("AISLE_DEMO", "demo.enabled"),
      Map.entry("AISLE_DEMO_RELOAD", "demo.reload"),
      Map.entry("AISLE_DEMO_SEED", "demo.seed"),
      Map.entry("AISLE_AVAILABILITY_EXACT", "availability.exactCounts"),
      Map.entry("AISLE_AVAILABILITY_MAX_RADIUS_KM", "availability.maxRadiusKm"),
      Map.entry("AISLE_RATE_LIMIT_PER_SECOND", "rateLimit.publicPerSecond"),
      Map.entry("AISLE_RATE_LIMIT_BURST", "rateLimit.publicBurst"),
      Map.entry("AISLE_IDEMPOTENCY_TTL_HOURS", "orders.idempotencyTtlHours"),
      Map.entry("AISLE_ORPHAN_RELEASE_SECONDS", "orders.orphanReleaseSeconds"),
      Map.entry("AISLE_MAX_PENDING_WRITES", "orders.maxPendingWrites"),
      Map.entry("AISLE_MAX_CAPTURES_IN_FLIGHT", "orders.maxInFlight"),
      Map.entry("AISLE_SHED_AFTER_MS", "orders.shedAfterMs"));

  /** Reads the file named by {@code AISLE_CONFIG} (default {@code config/aisle.json}, optional) and the environment. */
  public static AisleConfig load(Map<String, String> env) throws IOException {
    Path file = Path.of(env.getOrDefault("AISLE_CONFIG", "config/aisle.json"));
    JsonObject json = Files.exists(file) ? new JsonObject(Files.readString(file)) : new JsonObject();
    return from(json, env);
  }

  /** Builds the record from a JSON document with environment overrides applied on top. */
  public static AisleConfig from(JsonObject json, Map<String, String> env) {
    JsonObject merged = json.copy();
    ENV.forEach((variable, path) -> {
      String value = env.get(variable);
      if (value != null) {
        set(merged, path, value);
      }
    });
    return parse(merged);
  }

  private static void set(JsonObject root, String path, String value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }

  private static AisleConfig parse(JsonObject j) {
    JsonObject http = obj(j, "http");
    JsonObject db = obj(j, "database");
    JsonObject cluster = obj(j, "cluster");
    JsonObject sec = obj(j, "security");
    JsonObject demo = obj(j, "demo");
    JsonObject av = obj(j, "availability");
    JsonObject rl = obj(j, "rateLimit");
    JsonObject orders = obj(j, "orders");
    return new AisleConfig(
        new Http(str(http, "host", "0.0.0.0"), integer(http, "port", 8080), integer(http, "instances", 0)),
        Path.of(str(j, "dataDir", "data")),
        Path.of(str(j, "webroot", "webroot")),
        Path.of(str(j, "configDir", "config")),
        new Database(str(db, "url", ""), integer(db, "poolSize", 16)),
        new Cluster(str(cluster, "name", "aisle"), str(cluster, "host", "127.0.0.1"),
            integer(cluster, "port", 5701), list(cluster.getValue("members"))),
        new Security(str(sec, "adminPassword", ""), str(sec, "jwtSecret", ""), integer(sec, "tokenTtlMinutes", 480)),
        new Demo(bool(demo, "enabled", false), bool(demo, "reload", false), longValue(demo, "seed", 2026)),
        new Availability(dbl(av, "defaultRadiusKm", 50), dbl(av, "maxRadiusKm", 500), integer(av, "maxStores", 10),
            bool(av, "exactCounts", true), integer(av, "lowStockBelow", 5)),
        new RateLimit(integer(rl, "publicPerSecond", 50), integer(rl, "publicBurst", 100)),
        new Orders(integer(orders, "idempotencyTtlHours", 24), integer(orders, "orphanReleaseSeconds", 60),
            integer(orders, "maxPendingWrites", 5_000), integer(orders, "maxInFlight", 256),
            integer(orders, "shedAfterMs", 500),
            integer(orders, "writerConnections", 4),
            integer(orders, "maxBatch", 256), new Sla(integer(obj(orders, "sla"), "shipFromStoreMinutes", 240),
                integer(obj(orders, "sla"), "pickupMinutes", 120),
                integer(obj(orders, "sla"), "shipToStoreMinutes", 480),
                integer(obj(orders, "sla"), "pickupExpiryHours", 120),
                integer(obj(orders, "sla"), "checkSeconds", 30), storeSlas(obj(obj(orders, "sla"), "stores")))),
        new Feed(integer(obj(j, "feed"), "heartbeatSeconds", 15), integer(obj(j, "feed"), "maxUnacked", 1_000)));
  }

  /** Number of HTTP verticle instances: configured, or one per core. */
  public int httpInstances() {
    return http.instances() > 0 ? http.instances() : Runtime.getRuntime().availableProcessors();
  }

  private static Map<String, StoreSla> storeSlas(JsonObject stores) {
    Map<String, StoreSla> out = new java.util.HashMap<>();
    for (String id : stores.fieldNames()) {
      JsonObject s = obj(stores, id);
      out.put(id, new StoreSla(s.getInteger("shipFromStoreMinutes"), s.getInteger("pickupMinutes"),
          s.getInteger("shipToStoreMinutes")));
    }
    return Map.copyOf(out);
  }

  private static JsonObject obj(JsonObject j, String key) {
    JsonObject o = j.getJsonObject(key);
    return o == null ? new JsonObject() : o;
  }

  private static String str(JsonObject j, String key, String def) {
    Object v = j.getValue(key);
    return v == null ? def : v.toString();
  }

  private static int integer(JsonObject j, String key, int def) {
    return (int) longValue(j, key, def);
  }

  private static long longValue(JsonObject j, String key, long def) {
    Object v = j.getValue(key);
    if (v == null || v.toString().isBlank()) {
      return def;
    }
    try {
      return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration " + key + " must be a whole number, got '" + v + "'");
    }
  }

  private static double dbl(JsonObject j, String key, double def) {
    Object v = j.getValue(key);
    if (v == null || v.toString().isBlank()) {
      return def;
    }
    try {
      return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration " + key + " must be a number, got '" + v + "'");
    }
  }

  private static boolean bool(JsonObject j, String key, boolean def) {
    Object v = j.getValue(key);
    if (v == null || v.toString().isBlank()) {
      return def;
    }
    return v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString().trim());
  }

  private static List<String> list(Object v) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof io.vertx.core.json.JsonArray a) {
      return a.stream().map(Object::toString).filter(s -> !s.isBlank()).toList();
    }
    return Arrays.stream(v.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
