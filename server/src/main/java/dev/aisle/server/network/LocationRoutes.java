package dev.aisle.server.network;

import dev.aisle.api.Address;
import dev.aisle.api.Capability;
import dev.aisle.api.Location;
import dev.aisle.api.LocationType;
import dev.aisle.api.Page;
import dev.aisle.api.Role;
import dev.aisle.server.platform.Access;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.AuditLog;
import dev.aisle.server.platform.Ids;
import dev.aisle.server.platform.PageParams;
import dev.aisle.server.platform.Responses;
import dev.aisle.server.platform.Validation;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /api/v1/locations}: stores and DCs, written by admins and integrations, read by anyone (store finder). */
public final class LocationRoutes {

  static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final Pattern HOURS = Pattern.compile("closed|([01]\\d|2[0-3]):[0-5]\\d-(([01]\\d|2[0-3]):[0-5]\\d|24:00)");

  private final Vertx vertx;
  private final LocationDirectory directory;
  private final AuditLog audit;

  public LocationRoutes(Vertx vertx, LocationDirectory directory, AuditLog audit) {
    this.vertx = vertx;
    this.directory = directory;
    this.audit = audit;
  }

  public void mount(Router router) {
    router.put("/api/v1/locations/:id").handler(BodyHandler.create().setBodyLimit(64 * 1024))
        .handler(Access.require(Role.ADMIN, Role.INTEGRATION)).handler(this::put);
    router.get("/api/v1/locations/:id").handler(this::get);
    router.get("/api/v1/locations").handler(this::list);
  }

  private void put(RoutingContext ctx) {
    String id = Ids.require("id", ctx.pathParam("id"));
    Location location = parse(id, Validation.body(ctx));
    directory.save(vertx, location)
        .compose(created -> audit.record(Access.caller(ctx), created ? "location.create" : "location.update", id,
            JsonObject.mapFrom(location)).map(created))
        .onSuccess(created -> Responses.json(ctx, created ? 201 : 200, location))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Location l = directory.get(ctx.pathParam("id"));
    if (l == null) {
      ctx.fail(ApiProblem.notFound("no location with id " + ctx.pathParam("id")));
      return;
    }
    Responses.json(ctx, 200, l);
  }

  /** Id order, filtered by {@code type} and {@code capability}; cursor = last id seen. */
  private void list(RoutingContext ctx) {
    String type = ctx.queryParams().get("type");
    String capability = ctx.queryParams().get("capability");
    String cursor = ctx.queryParams().get("cursor");
    int limit = PageParams.limit(ctx, 100, 1000);
    LocationType t = type == null ? null : parseEnum("type", () -> LocationType.fromWire(type));
    Capability c = capability == null ? null : parseEnum("capability", () -> Capability.fromWire(capability));
    List<Location> matching = directory.all().stream()
        .filter(l -> cursor == null || l.id().compareTo(cursor) > 0)
        .filter(l -> t == null || l.type() == t)
        .filter(l -> c == null || l.capabilities().contains(c))
        .limit(limit + 1L)
        .toList();
    String next = matching.size() > limit ? matching.get(limit - 1).id() : null;
    Responses.json(ctx, 200, new Page<>(matching.size() > limit ? matching.subList(0, limit) : matching, next));
  }

  private static <T> T parseEnum(String field, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalidField(field, e.getMessage());
    }
  }

  static Location parse(String id, JsonObject body) {
    Validation v = new Validation();
    LocationType type = null;
    String typeRaw = v.string(body, "type", 10);
    if (typeRaw != null) {
      try {
        type = LocationType.fromWire(typeRaw);
      } catch (IllegalArgumentException e) {
        v.fail("type", "must be store or dc");
      }
    }
    String name = v.string(body, "name", 200);
    double lat = v.number(body, "lat", -90, 90);
    double lon = v.number(body, "lon", -180, 180);
    Address address = address(v, body);
    Set<Capability> caps = capabilities(v, body);
    Map<String, String> hours = openingHours(v, body);
    String timezone = v.string(body, "timezone", 64);
    if (timezone != null) {
      try {
        ZoneId.of(timezone);
      } catch (DateTimeException e) {
        v.fail("timezone", "must be an IANA time zone such as America/New_York");
      }
    }
    long capacity = v.integer(body, "capacityPerDay", 0, 10_000_000);
    long priority = v.optionalInteger(body, "priority", -1000, 1000, 0);
    boolean active = v.optionalBoolean(body, "active", true);
    if (type == LocationType.DC && caps.contains(Capability.PICKUP)) {
      v.fail("capabilities", "a distribution center cannot offer pickup");
    }
    v.throwIfInvalid();
    return new Location(id, type, name, lat, lon, address, caps, hours, timezone, (int) capacity, (int) priority,
        active);
  }

  private static Address address(Validation v, JsonObject body) {
    JsonObject a = v.object(body, "address");
    Validation av = v.nested("address");
    String line1 = av.string(a, "line1", 200);
    String city = av.string(a, "city", 100);
    String region = av.string(a, "region", 50);
    String postal = av.string(a, "postalCode", 20);
    String country = av.optionalString(a, "country", 2, "US");
    return new Address(line1, city, region, postal, country);
  }

  private static Set<Capability> capabilities(Validation v, JsonObject body) {
    JsonArray arr = v.array(body, "capabilities");
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    for (int i = 0; i < arr.size(); i++) {
      try {
        caps.add(Capability.fromWire(String.valueOf(arr.getValue(i))));
      } catch (IllegalArgumentException e) {
        v.fail("capabilities[" + i + "]", "must be one of ship, pickup, ship-to-store");
      }
    }
    return caps;
  }

  private static Map<String, String> openingHours(Validation v, JsonObject body) {
    JsonObject h = v.object(body, "openingHours");
    Map<String, String> hours = new LinkedHashMap<>();
    for (String day : DAYS) {
      Object value = h.getValue(day);
      if (!(value instanceof String s) || !HOURS.matcher(s).matches()) {
        v.fail("openingHours." + day, "must be \"HH:MM-HH:MM\" or \"closed\"");
      } else {
        hours.put(day, s);
      }
    }
    for (String key : h.fieldNames()) {
      if (!DAYS.contains(key)) {
        v.fail("openingHours." + key, "is not a day: use mon, tue, wed, thu, fri, sat, sun");
      }
    }
    return hours;
  }
}
