package dev.aisle.server.sourcing;

import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.AuditLog;
import dev.aisle.server.platform.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The active sourcing rule set of this node. PostgreSQL keeps every version; activating one (a new document or an
 * older version) is one transaction, then a publish on the clustered event bus ({@value #ACTIVATED}) makes every node
 * reload within a second. A periodic check catches a missed message. The first start stores the defaults from
 * {@code config/sourcing-rules.json} (or the built-in ones).
 */
public final class RulesService {

  public static final String ACTIVATED = "aisle.sourcing.rules-activated";
  static final String DEFAULTS_FILE = "sourcing-rules.json";
  private static final Logger log = LoggerFactory.getLogger(RulesService.class);

  /** The active rule set with its version number. */
  public record Active(int version, RuleSet rules) {}

  private final Vertx vertx;
  private final Pool pool;
  private final AuditLog audit;
  private volatile Active active;

  public RulesService(Vertx vertx, Pool pool, AuditLog audit) {
    this.vertx = vertx;
    this.pool = pool;
    this.audit = audit;
  }

  public Future<Void> start(Path configDir) {
    vertx.eventBus().<Integer>consumer(ACTIVATED, m -> reload());
    return ensureDefaults(configDir).compose(v -> reload()).onSuccess(v -> vertx.setPeriodic(5_000, 5_000,
        id -> reload().onFailure(e -> log.warn("checking the active sourcing rules: {}", e.toString()))));
  }

  public Active active() {
    return active;
  }

  private Future<Void> ensureDefaults(Path configDir) {
    Path file = configDir.resolve(DEFAULTS_FILE);
    return vertx.executeBlocking(() -> Files.exists(file) ? Files.readString(file) : null, false).compose(text -> {
      RuleSet defaults = text == null ? RuleSet.defaults() : RuleSet.parse(new JsonObject(text));
      return pool.withTransaction(tx -> tx.query(RulesSql.LOCK).execute()
          .compose(v -> tx.query(RulesSql.ACTIVE).execute())
          .compose(rows -> rows.size() > 0 ? Future.succeededFuture()
              : tx.preparedQuery(RulesSql.INSERT_ACTIVE)
                  .execute(Tuple.of(defaults.name(), defaults.toJson().encode(), "aisle:defaults"))
                  .onSuccess(r -> log.info("stored the default sourcing rules '{}' as version 1", defaults.name()))
                  .mapEmpty()));
    }).mapEmpty();
  }

  private Future<Void> reload() {
    return pool.query(RulesSql.ACTIVE).execute().map(rows -> {
      if (rows.size() > 0) {
        RulesVersion v = RulesVersion.from(rows.iterator().next());
        if (active == null || active.version() != v.version()) {
          active = new Active(v.version(), v.rules());
          log.info("sourcing rules version {} ('{}') active", v.version(), v.name());
        }
      }
      return null;
    });
  }

  public Future<RulesVersion> current() {
    return pool.query(RulesSql.ACTIVE).execute().map(rows -> RulesVersion.from(rows.iterator().next()));
  }

  public Future<List<RulesVersion>> versions(int limit) {
    return pool.preparedQuery(RulesSql.ALL).execute(Tuple.of(limit)).map(RulesService::list);
  }

  /** Validates (422 naming each bad field) and activates a new version. */
  public Future<RulesVersion> replace(Caller caller, JsonObject document) {
    RuleSet rules = RuleSet.parse(document);
    return pool.withTransaction(tx -> tx.query(RulesSql.DEACTIVATE).execute()
        .compose(v -> tx.preparedQuery(RulesSql.INSERT_ACTIVE)
            .execute(Tuple.of(rules.name(), rules.toJson().encode(), caller.actor())))
        .compose(rows -> audit.record(tx, caller, "sourcing-rules.activate", rules.name(), rules.toJson())
            .map(RulesVersion.from(rows.iterator().next()))))
        .compose(this::announce);
  }

  /** Activates a stored version again (a rollback). */
  public Future<RulesVersion> activate(Caller caller, int version) {
    return pool.withTransaction(tx -> tx.preparedQuery(RulesSql.ONE).execute(Tuple.of(version)).compose(found -> {
      if (found.size() == 0) {
        return Future.failedFuture(ApiProblem.notFound("no sourcing rules version " + version));
      }
      return tx.query(RulesSql.DEACTIVATE).execute()
          .compose(v -> tx.preparedQuery(RulesSql.ACTIVATE).execute(Tuple.of(version)))
          .compose(rows -> audit.record(tx, caller, "sourcing-rules.activate", "version " + version, null)
              .map(RulesVersion.from(rows.iterator().next())));
    })).compose(this::announce);
  }

  private Future<RulesVersion> announce(RulesVersion v) {
    return reload().map(x -> {
      vertx.eventBus().publish(ACTIVATED, v.version());
      return v;
    });
  }

  private static List<RulesVersion> list(RowSet<Row> rows) {
    List<RulesVersion> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(RulesVersion.from(r));
    }
    return out;
  }
}
