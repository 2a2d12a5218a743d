package dev.aisle.server.platform;

import io.vertx.ext.web.RoutingContext;

/** The {@code limit} query parameter of list endpoints. */
public final class PageParams {

  private PageParams() {}

  public static int limit(RoutingContext ctx, int def, int max) {
    String raw = ctx.queryParams().get("limit");
    if (raw == null) {
      return def;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ApiProblem.invalidField("limit", "must be a whole number between 1 and " + max);
  }
}
