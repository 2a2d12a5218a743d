package dev.aisle.server.network;

import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Stores and distribution centers in PostgreSQL. */
public final class PgLocationStore {

  private final Pool pool;

  public PgLocationStore(Pool pool) {
    this.pool = pool;
  }

  /** Creates or replaces a location; true when it was created. */
  public Future<Boolean> upsert(Location l) {
    String[] caps = l.capabilities().stream().map(Capability::wire).sorted().toArray(String[]::new);
    return pool.preparedQuery(LocationSql.UPSERT)
        .execute(Tuple.of(l.id(), l.type().wire(), l.name(), l.lat(), l.lon(), JsonObject.mapFrom(l.address()))
            .addArrayOfString(caps)
            .addValue(new JsonObject(new java.util.LinkedHashMap<>(l.openingHours())))
            .addString(l.timezone()).addInteger(l.capacityPerDay()).addInteger(l.priority()).addBoolean(l.active()))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<List<Location>> all() {
    return pool.query(LocationSql.ALL).execute().map(rows -> {
      List<Location> list = new ArrayList<>(rows.size());
      for (Row r : rows) {
        list.add(LocationSql.location(r));
      }
      return list;
    });
  }
}
