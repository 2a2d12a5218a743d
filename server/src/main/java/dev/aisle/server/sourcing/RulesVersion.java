package dev.aisle.server.sourcing;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.util.Map;

/** One stored version of the sourcing rules. */
public record RulesVersion(int version, String name, Map<String, Object> document, boolean active, String createdBy,
                           Instant createdAt, Instant activatedAt) {

  static RulesVersion from(Row r) {
    Object doc = r.getValue("document");
    JsonObject json = doc instanceof JsonObject j ? j : new JsonObject(String.valueOf(doc));
    return new RulesVersion(r.getInteger("version"), r.getString("name"), json.getMap(), r.getBoolean("active"),
        r.getString("created_by"), r.getOffsetDateTime("created_at").toInstant(),
        r.getOffsetDateTime("activated_at") == null ? null : r.getOffsetDateTime("activated_at").toInstant());
  }

  RuleSet rules() {
    return RuleSet.parse(new JsonObject(document));
  }
}
