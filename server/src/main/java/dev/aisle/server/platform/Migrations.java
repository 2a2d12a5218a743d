package dev.aisle.server.platform;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Versioned schema migrations ({@code db/migration/V*__*.sql}), over JDBC: call from a worker or main thread only. */
public final class Migrations {

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** Applies every pending migration; returns the schema version now in place. */
  public static String run(DbTarget db) {
    Flyway flyway = Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .load();
    var result = flyway.migrate();
    String version = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
    log.info("database migrated: {} migrations applied, schema version {}", result.migrationsExecuted, version);
    return version;
  }
}
