package dev.aisle.server.testing;

import dev.aisle.server.platform.DbTarget;
import dev.aisle.server.platform.EmbeddedPostgres;
import dev.aisle.server.platform.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * The embedded PostgreSQL every DB test shares: started on first use in {@code server/target/test-pg}, once per JVM,
 * and stopped by a shutdown hook. Tests isolate themselves with {@link #freshDatabase(String)}.
 */
public final class TestPostgres {

  private static final Set<String> RESERVED = Set.of("postgres", "template0", "template1", "aisle");

  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** The shared server's own database {@code aisle} (superuser credentials). */
  public static DbTarget target() {
    return server().target();
  }

  /**
   * Drops and recreates the database {@code name} (lowercased, anything outside {@code [a-z0-9_]} turned into
   * {@code _}), owned by {@code aisle}, migrates it and returns where it is. Sessions still connected to an older
   * database of that name are terminated.
   */
  public static DbTarget freshDatabase(String name) {
    String db = sanitise(name);
    DbTarget base = server().target();
    DbTarget admin = new DbTarget(base.host(), base.port(), "postgres", base.user(), base.password());
    // one at a time: CREATE DATABASE copies template1 and refuses while another session uses it
    synchronized (TestPostgres.class) {
      try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        s.execute("CREATE DATABASE " + db + " OWNER " + base.user());
      } catch (SQLException e) {
        throw new IllegalStateException("could not recreate test database " + db, e);
      }
    }
    DbTarget target = new DbTarget(base.host(), base.port(), db, base.user(), base.password());
    Migrations.run(target);
    return target;
  }

  static String sanitise(String name) {
    String db = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (db.isEmpty() || !Character.isLetter(db.charAt(0)) && db.charAt(0) != '_') {
      db = "t_" + db;
    }
    db = db.length() > 63 ? db.substring(0, 63) : db;
    if (RESERVED.contains(db)) {
      throw new IllegalArgumentException("test database name " + name + " is reserved");
    }
    return db;
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      // surefire runs from the repository root; an IDE may run from server/
      Path dir = Files.isDirectory(Path.of("server", "src")) ? Path.of("server/target/test-pg") : Path.of("target/test-pg");
      try {
        server = EmbeddedPostgres.start(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the test PostgreSQL in " + dir.toAbsolutePath(), e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.stop();
        } catch (IOException e) {
          System.err.println("test PostgreSQL did not stop: " + e.getMessage());
        }
      }, "test-postgres-stop"));
    }
    return server;
  }
}
