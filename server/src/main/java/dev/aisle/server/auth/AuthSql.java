package dev.aisle.server.auth;

import dev.aisle.api.Role;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** The SQL of users, API keys and the shared signing secret. */
final class AuthSql {

  private AuthSql() {}

  static final String INSERT_SETTING = """
      INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING
      """;

  static final String SELECT_SETTING = """
      SELECT value FROM settings WHERE name = $1
      """;

  static final String LOGIN = """
      SELECT password_hash, role, location_id, active FROM users WHERE username = $1
      """;

  static final String USER_ACTIVE = """
      SELECT active FROM users WHERE username = $1
      """;

  static final String ACTIVE_ADMIN_EXISTS = """
      SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active)
      """;

  static final String LOCATION_EXISTS = """
      SELECT EXISTS (SELECT 1 FROM locations WHERE id = $1)
      """;

  static final String INSERT_USER = """
      INSERT INTO users (id, username, password_hash, role, location_id)
      VALUES ($1, $2, $3, $4, $5)
      RETURNING id, username, role, location_id, active, created_at
      """;

  static final String LIST_USERS = """
      SELECT id, username, role, location_id, active, created_at FROM users
      WHERE ($1::text IS NULL OR username > $1) ORDER BY username LIMIT $2
      """;

  /** Locks the user and every active admin, so two concurrent deactivations cannot remove the last admin. */
  static final String LOCK_FOR_DEACTIVATION = """
      SELECT username, role, active FROM users WHERE username = $1 OR (role = 'admin' AND active)
      ORDER BY username FOR UPDATE
      """;

  static final String DEACTIVATE_USER = """
      UPDATE users SET active = false WHERE username = $1
      RETURNING id, username, role, location_id, active, created_at
      """;

  static final String INSERT_API_KEY = """
      INSERT INTO api_keys (id, name, role, channel, secret_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6)
      """;

  static final String API_KEY_FOR_AUTH = """
      SELECT role, channel, secret_hash FROM api_keys WHERE id = $1 AND revoked_at IS NULL
      """;

  static final String LIST_API_KEYS = """
      SELECT id, name, role, channel, created_by, created_at, revoked_at FROM api_keys
      WHERE ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2
      """;

  /** Idempotent: revoking twice keeps the first time. */
  static final String REVOKE_API_KEY = """
      UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
      RETURNING id, name, role, channel, created_by, created_at, revoked_at
      """;

  static User user(Row r) {
    return new User(r.getUUID("id").toString(), r.getString("username"), Role.fromWire(r.getString("role")),
        r.getString("location_id"), r.getBoolean("active"), r.getOffsetDateTime("created_at").toInstant());
  }

  static ApiKey apiKey(Row r) {
    OffsetDateTime revoked = r.getOffsetDateTime("revoked_at");
    return new ApiKey(r.getString("id"), r.getString("name"), Role.fromWire(r.getString("role")),
        r.getString("channel"), r.getString("created_by"), r.getOffsetDateTime("created_at").toInstant(),
        revoked == null ? null : revoked.toInstant());
  }
}
