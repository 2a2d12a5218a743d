package dev.aisle.server.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Records every change made by a person (and by keys), in PostgreSQL. Never records secrets. */
public final class AuditLog {

  private static final String INSERT = """
      INSERT INTO audit_log (actor, actor_role, action, target, detail) VALUES ($1, $2, $3, $4, $5)
      """;

  private final SqlClient db;

  public AuditLog(SqlClient db) {
    this.db = db;
  }

  /** Records one action; {@code client} lets a caller write inside its own transaction. */
  public Future<Void> record(SqlClient client, Caller who, String action, String target, JsonObject detail) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(who.subject(), who.role().wire(), action, target, detail))
        .mapEmpty();
  }

  public Future<Void> record(Caller who, String action, String target, JsonObject detail) {
    return record(db, who, action, target, detail);
  }
}
