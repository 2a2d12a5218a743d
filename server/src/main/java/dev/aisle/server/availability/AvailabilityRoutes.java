package dev.aisle.server.availability;

import dev.aisle.api.Availability;
import dev.aisle.api.Problem.FieldError;
import dev.aisle.server.catalog.ProductCatalog;
import dev.aisle.server.network.GeoPoint;
import dev.aisle.server.network.PostalCodes;
import dev.aisle.server.platform.AisleConfig;
import dev.aisle.server.platform.ApiProblem;
import dev.aisle.server.platform.RateLimiter;
import dev.aisle.server.platform.Responses;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/availability?sku=A&sku=B&lat=..&lon=..&radiusKm=..&limit=..} (or {@code postalCode=} instead of
 * lat/lon, or {@code sku=A,B}): public, rate limited per client address.
 */
public final class AvailabilityRoutes {

  static final int MAX_SKUS = 20;

  private final AvailabilityService service;
  private final ProductCatalog catalog;
  private final PostalCodes postalCodes;
  private final AisleConfig.Availability config;
  private final RateLimiter limiter;

  public AvailabilityRoutes(AvailabilityService service, ProductCatalog catalog, PostalCodes postalCodes,
                            AisleConfig.Availability config, RateLimiter limiter) {
    this.service = service;
    this.catalog = catalog;
    this.postalCodes = postalCodes;
    this.config = config;
    this.limiter = limiter;
  }

  public void mount(Router router) {
    router.get("/api/v1/availability").handler(limiter).handler(this::lookup);
  }

  private void lookup(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    List<FieldError> errors = new ArrayList<>();
    List<String> skus = skus(q, errors);
    Availability.Origin origin = origin(q, errors);
    double radius = number(q, "radiusKm", config.defaultRadiusKm(), 0, config.maxRadiusKm(), errors);
    int limit = (int) number(q, "limit", config.maxStores(), 1, config.maxStores(), errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
          : errors.size() + " parameters are invalid", errors);
    }
    List<String> unknown = skus.stream().filter(s -> !catalog.contains(s)).toList();
    if (!unknown.isEmpty()) {
      throw new ApiProblem(404, "Not found", "unknown sku: " + String.join(", ", unknown),
          unknown.stream().map(s -> new FieldError("sku", "unknown sku " + s)).toList(), null);
    }
    service.lookup(skus, origin, radius, limit)
        .onSuccess(a -> Responses.json(ctx, 200, a))
        .onFailure(ctx::fail);
  }

  private static List<String> skus(MultiMap q, List<FieldError> errors) {
    Set<String> skus = new LinkedHashSet<>();
    for (String value : q.getAll("sku")) {
      for (String s : value.split(",")) {
        if (!s.isBlank()) {
          skus.add(s.trim());
        }
      }
    }
    if (skus.isEmpty()) {
      errors.add(new FieldError("sku", "is required: one or more SKUs (sku=A&sku=B or sku=A,B)"));
    } else if (skus.size() > MAX_SKUS) {
      errors.add(new FieldError("sku", "at most " + MAX_SKUS + " SKUs per lookup"));
    }
    return List.copyOf(skus);
  }

  private Availability.Origin origin(MultiMap q, List<FieldError> errors) {
    String postal = q.get("postalCode");
    if (q.get("lat") == null && q.get("lon") == null && postal != null) {
      Optional<GeoPoint> point = postalCodes.find(postal.trim());
      if (point.isEmpty()) {
        errors.add(new FieldError("postalCode", "unknown US postal code " + postal));
        return null;
      }
      return new Availability.Origin(point.get().lat(), point.get().lon(), postal.trim());
    }
    if (q.get("lat") == null && q.get("lon") == null) {
      errors.add(new FieldError("lat", "lat and lon, or postalCode, are required"));
      return null;
    }
    double lat = number(q, "lat", Double.NaN, -90, 90, errors);
    double lon = number(q, "lon", Double.NaN, -180, 180, errors);
    return new Availability.Origin(lat, lon, null);
  }

  /** A numeric parameter within [min, max]; {@code def} when absent (NaN default = required). */
  private static double number(MultiMap q, String name, double def, double min, double max, List<FieldError> errors) {
    String raw = q.get(name);
    if (raw == null) {
      if (Double.isNaN(def)) {
        errors.add(new FieldError(name, "is required"));
      }
      return def;
    }
    try {
      double v = Double.parseDouble(raw);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    errors.add(new FieldError(name, "must be a number between " + min + " and " + max));
    return def;
  }
}
