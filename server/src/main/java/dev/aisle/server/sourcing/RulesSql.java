package dev.aisle.server.sourcing;

/** The SQL of versioned sourcing rule sets. */
final class RulesSql {

  private RulesSql() {}

  static final String COLUMNS = "version, name, document, active, created_by, created_at, activated_at";

  static final String ACTIVE = "SELECT " + COLUMNS + " FROM sourcing_rules WHERE active";

  static final String ONE = "SELECT " + COLUMNS + " FROM sourcing_rules WHERE version = $1";

  static final String ALL = "SELECT " + COLUMNS + " FROM sourcing_rules ORDER BY version DESC LIMIT $1";

  static final String DEACTIVATE = "UPDATE sourcing_rules SET active = false WHERE active";

  static final String INSERT_ACTIVE = """
      INSERT INTO sourcing_rules (name, document, active, created_by, activated_at)
      VALUES ($1, $2::text::jsonb, true, $3, now())
      RETURNING
      """ + COLUMNS;

  static final String ACTIVATE = "UPDATE sourcing_rules SET active = true, activated_at = now() WHERE version = $1"
      + " RETURNING " + COLUMNS;

  /** Only a first start inserts the defaults: the lock makes concurrent first starts of several nodes wait. */
  static final String LOCK = "LOCK TABLE sourcing_rules IN SHARE ROW EXCLUSIVE MODE";
}
