package dev.aisle.server.testing;

import dev.aisle.server.platform.AisleConfig;
import dev.aisle.server.platform.AisleNode;
import dev.aisle.server.platform.DbTarget;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real Aisle node for HTTP tests: its own migrated database in the shared embedded PostgreSQL, its own one-member
 * Hazelcast cluster on 127.0.0.1, HTTP on a free port, and a {@link WebClient} pointed at it. Blocking methods are
 * for the JUnit thread only.
 */
public final class TestNode implements AutoCloseable {

  public static final String ADMIN_PASSWORD = "correct-horse-battery-staple";

  private final AisleNode node;
  private final DbTarget db;
  private final WebClient client;
  private boolean crashed;

  private TestNode(AisleNode node, DbTarget db) {
    this.node = node;
    this.db = db;
    this.client = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(node.httpPort()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
  }

  /** A node on a fresh database seeded with {@link TestNetwork}; {@code overrides} are config JSON paths. */
  public static TestNode start(String name, Map<String, Object> overrides) throws Exception {
    DbTarget db = TestPostgres.freshDatabase(name);
    sql(db, TestNetwork.SQL);
    return start(db, name, overrides);
  }

  public static TestNode start(String name) throws Exception {
    return start(name, Map.of());
  }

  /** A node on an existing database (e.g. to restart on the same data). */
  public static TestNode start(DbTarget db, String name, Map<String, Object> overrides) throws Exception {
    JsonObject json = new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 1))
        .put("cluster", new JsonObject().put("name", "test-" + name + "-" + ThreadLocalRandom.current().nextInt(1 << 30))
            .put("host", "127.0.0.1").put("port", 21000 + ThreadLocalRandom.current().nextInt(20_000)))
        .put("security", new JsonObject().put("adminPassword", ADMIN_PASSWORD))
        .put("rateLimit", new JsonObject().put("publicPerSecond", 0))
        // Tests assert exact outcomes on a shared machine: no shedding on event-loop lag (the fault drills cover it).
        .put("orders", new JsonObject().put("shedAfterMs", 0));
    overrides.forEach((path, value) -> put(json, path, value));
    AisleConfig config = AisleConfig.from(json, Map.of());
    return new TestNode(AisleNode.start(config, db), db);
  }

  private static void put(JsonObject root, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      if (node.getJsonObject(parts[i]) == null) {
        node.put(parts[i], new JsonObject());
      }
      node = node.getJsonObject(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  /** Runs SQL over JDBC (test setup and assertions only). */
  public static void sql(DbTarget db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The first column of the first row of a query, as a long (assertions on PostgreSQL state). */
  public long queryLong(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement();
         var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The first column of the first row of a query, as text. */
  public String queryString(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement();
         var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  public DbTarget db() {
    return db;
  }

  public AisleNode node() {
    return node;
  }

  public WebClient client() {
    return client;
  }

  /** Logs in and returns a bearer token. */
  public String token(String username, String password) throws Exception {
    HttpResponse<Buffer> r = client.post("/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("username", username).put("password", password))
        .await(30, TimeUnit.SECONDS);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login of " + username + " failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  public String adminToken() throws Exception {
    return token("admin", ADMIN_PASSWORD);
  }

  /** Creates a user through the API and returns a token for it. */
  public String userToken(String adminToken, String username, String role, String locationId) throws Exception {
    JsonObject body = new JsonObject().put("username", username).put("password", "pw-" + username + "-12345")
        .put("role", role);
    if (locationId != null) {
      body.put("locationId", locationId);
    }
    HttpResponse<Buffer> r = client.post("/api/v1/users").bearerTokenAuthentication(adminToken).sendJsonObject(body)
        .await(30, TimeUnit.SECONDS);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("creating " + username + " failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return token(username, "pw-" + username + "-12345");
  }

  /** Creates an API key through the API and returns it. */
  public String apiKey(String adminToken, String name, String role) throws Exception {
    HttpResponse<Buffer> r = client.post("/api/v1/api-keys").bearerTokenAuthentication(adminToken)
        .sendJsonObject(new JsonObject().put("name", name).put("role", role).put("channel", "web"))
        .await(30, TimeUnit.SECONDS);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("creating key " + name + " failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("key");
  }

  /** A handheld signed in as {@code user} (created by {@link #userToken}), through the device client. */
  public dev.aisle.api.client.StoreAppClient device(String user) throws Exception {
    var client = new dev.aisle.api.client.StoreAppClient(node.vertx(), "127.0.0.1", node.httpPort());
    client.login(user, "pw-" + user + "-12345").await(30, TimeUnit.SECONDS);
    return client;
  }

  /**
   * Config overrides for the {@code size} members of a new cluster on loopback (a unique name, ports from a random
   * base): element i makes a node member i, knowing all the others.
   */
  public static List<Map<String, Object>> cluster(String name, int size) {
    String cluster = name + "-" + ThreadLocalRandom.current().nextInt(1 << 30);
    int base = 22_000 + ThreadLocalRandom.current().nextInt(20_000);
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < size; i++) {
      members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(base + i);
    }
    List<Map<String, Object>> configs = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      configs.add(Map.of("cluster.name", cluster, "cluster.port", base + i, "cluster.members", members.toString()));
    }
    return configs;
  }

  /**
   * Stops this node as close to a {@code kill -9} as one JVM allows. Its Hazelcast member is terminated first: no
   * graceful leave, no partition hand-over, its connections simply close, so the other members see it vanish and
   * promote their backups; nothing this node still runs can reach the cluster from then on (a capture between
   * reserving and committing cannot release or complete anything). Then its database connections are closed
   * (a statement already sent may still commit, as with a real crash), and its Vert.x with its HTTP server and
   * sockets, so clients see their connections drop. What cannot be acted out in-process: the few callbacks already
   * queued on its event loops still run until Vert.x closes, and fail on the terminated member.
   */
  public void crash() {
    crashed = true;
    node.hazelcast().getLifecycleService().terminate();
    node.pool().close();
    client.close();
    try {
      node.vertx().close().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // a crashed node has nobody to report to
    }
  }

  /** One request, blocking; {@code body} is a JsonObject, a String (sent as is) or null. */
  public HttpResponse<Buffer> call(HttpMethod method, String uri, String token, Object body) throws Exception {
    var req = client.request(method, uri);
    if (token != null) {
      if (token.startsWith("ak_")) {
        req.putHeader("X-Api-Key", token);
      } else {
        req.bearerTokenAuthentication(token);
      }
    }
    var future = body == null ? req.send()
        : body instanceof JsonObject j ? req.sendJsonObject(j)
        : req.sendBuffer(Buffer.buffer(body.toString()));
    return future.await(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (crashed) {
      return;
    }
    client.close();
    node.close();
  }
}
