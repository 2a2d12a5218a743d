package dev.aisle.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aisle.server.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedPostgresTest {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresTest.class);

  // a JUnit temp dir is 0700 root-owned when tests run as root: the launcher must cope with that by itself
  @TempDir
  Path dir;

  @Test
  @DisplayName("rows written before a stop are there after the next start")
  void dataSurvivesRestart() throws Exception {
    long t0 = System.nanoTime();
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
      log.info("cold start took {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      assertTrue(Files.isExecutable(pg.binaries().resolve("bin/postgres")));
      try (Connection c = connect(pg.target()); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE survivor (id int PRIMARY KEY, name text NOT NULL)");
        s.execute("INSERT INTO survivor VALUES (1, 'kept')");
      }
    }
    Path home = dir.resolve("postgres");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("password"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("data"))));

    long t1 = System.nanoTime();
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
      log.info("warm start took {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
      try (Connection c = connect(pg.target()); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT name FROM survivor WHERE id = 1")) {
        assertTrue(rs.next());
        assertEquals("kept", rs.getString(1));
      }
      pg.stop();
      pg.stop();
    }
  }

  @Test
  @DisplayName("a wrong password is refused: host logins need scram-sha-256")
  void wrongPasswordIsRefused() throws Exception {
    DbTarget db = TestPostgres.target();
    assertNotEquals("", db.password());
    var failure = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
        () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password() + "x").close());
    assertEquals("28P01", failure.getSQLState());
  }

  @Test
  @DisplayName("a fresh database carries the migrated schema")
  void freshDatabaseIsMigrated() throws Exception {
    DbTarget db = TestPostgres.freshDatabase("EmbeddedPostgresTest");
    assertEquals("embeddedpostgrestest", db.database());
    try (Connection c = connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('public.stock') IS NOT NULL")) {
      assertTrue(rs.next());
      assertTrue(rs.getBoolean(1), "table stock exists");
    }
  }

  private static Connection connect(DbTarget db) throws Exception {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
