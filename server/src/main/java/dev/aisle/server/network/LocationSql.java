package dev.aisle.server.network;

import dev.aisle.api.Address;
import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.api.LocationType;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The SQL of stores and distribution centers. */
final class LocationSql {

  private LocationSql() {}

  static final String COLUMNS =
      "id, type, name, lat, lon, address, capabilities, opening_hours, timezone, capacity_per_day, priority, active";

  static final String UPSERT = """
      INSERT INTO locations AS l (id, type, name, lat, lon, address, capabilities, opening_hours, timezone,
                                  capacity_per_day, priority, active)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      ON CONFLICT (id) DO UPDATE
         SET type = EXCLUDED.type, name = EXCLUDED.name, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
             address = EXCLUDED.address, capabilities = EXCLUDED.capabilities,
             opening_hours = EXCLUDED.opening_hours, timezone = EXCLUDED.timezone,
             capacity_per_day = EXCLUDED.capacity_per_day, priority = EXCLUDED.priority, active = EXCLUDED.active,
             updated_at = now()
      RETURNING (xmax = 0) AS created
      """;

  static final String ALL = "SELECT " + COLUMNS + " FROM locations ORDER BY id";

  static Location location(Row r) {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    for (String c : r.getArrayOfStrings(6)) {
      caps.add(Capability.fromWire(c));
    }
    JsonObject hours = (JsonObject) r.getValue(7);
    Map<String, String> openingHours = new LinkedHashMap<>();
    // jsonb keeps keys sorted; answer them in week order
    for (String day : LocationRoutes.DAYS) {
      if (hours.containsKey(day)) {
        openingHours.put(day, hours.getString(day));
      }
    }
    return new Location(r.getString(0), LocationType.fromWire(r.getString(1)), r.getString(2), r.getDouble(3),
        r.getDouble(4), ((JsonObject) r.getValue(5)).mapTo(Address.class), caps, openingHours, r.getString(8),
        r.getInteger(9), r.getInteger(10), r.getBoolean(11));
  }
}
